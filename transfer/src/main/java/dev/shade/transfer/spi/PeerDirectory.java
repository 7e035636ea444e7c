package dev.shade.transfer.spi;

import dev.shade.streams.PeerAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where peers' {@code /v1/transfer} routes live, e.g. {@code http://127.0.0.1:8080/v1/transfer}.
 * The node records a peer's URL when an upload names it; control and chunk transports look it up.
 * Safe for concurrent use.
 */
public final class PeerDirectory {
  private final Map<PeerAddress, URI> endpoints = new ConcurrentHashMap<>();

  public PeerDirectory remember(PeerAddress peer, URI baseUrl) {
    endpoints.put(peer, baseUrl);
    return this;
  }

  public Optional<URI> find(PeerAddress peer) {
    return Optional.ofNullable(endpoints.get(peer));
  }

  /**
   * @throws IllegalArgumentException when no URL is known for {@code peer}
   */
  public URI baseUrl(PeerAddress peer) {
    return find(peer).orElseThrow(() -> new IllegalArgumentException("no endpoint known for " + peer));
  }
}
