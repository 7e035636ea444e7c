package dev.shade.transport.http;

import dev.shade.streams.PeerAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a peer's {@code /v1/transfer} routes live, e.g. {@code http://127.0.0.1:8080/v1/transfer}.
 * Implementations are safe for concurrent use.
 */
@FunctionalInterface
public interface PeerEndpoints {
  /**
   * @throws IllegalArgumentException when no endpoint is known for {@code peer}
   */
  URI baseUri(PeerAddress peer);

  /** A mutable table, for configuration files and tests. */
  static Table table() {
    return new Table();
  }

  /** A mutable {@link PeerEndpoints} backed by a concurrent map. */
  final class Table implements PeerEndpoints {
    private final Map<PeerAddress, URI> endpoints = new ConcurrentHashMap<>();

    private Table() {}

    public Table put(PeerAddress peer, URI baseUri) {
      endpoints.put(peer, baseUri);
      return this;
    }

    @Override
    public URI baseUri(PeerAddress peer) {
      URI uri = endpoints.get(peer);
      if (uri == null) {
        throw new IllegalArgumentException("no endpoint known for " + peer);
      }
      return uri;
    }
  }
}
