package dev.shade.transport.http;

import dev.shade.streams.PeerAddress;
import java.net.URI;

/**
 * Where a peer's {@code /v1/transfer} routes live, e.g. {@code http://127.0.0.1:8080/v1/transfer}.
 * Implementations are safe for concurrent use; a node's {@link
 * dev.shade.transfer.spi.PeerDirectory#baseUrl} is the usual one ({@code peers::baseUrl}).
 */
@FunctionalInterface
public interface PeerEndpoints {
  /**
   * @throws IllegalArgumentException when no endpoint is known for {@code peer}
   */
  URI baseUri(PeerAddress peer);
}
