package dev.shade.transfer;

import dev.shade.streams.PeerAddress;
import java.net.URI;
import java.util.Objects;

/**
 * A receiving node: its address ({@code name.deviceId}, whose identity key the ratchet pins) and
 * the base URL of its {@code /v1/transfer} routes, e.g. {@code http://127.0.0.1:8080/v1/transfer}.
 */
public record Peer(PeerAddress address, URI baseUrl) {
  public Peer {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(baseUrl, "baseUrl");
  }

  public static Peer of(String address, String baseUrl) {
    return new Peer(PeerAddress.parse(address), URI.create(baseUrl));
  }
}
