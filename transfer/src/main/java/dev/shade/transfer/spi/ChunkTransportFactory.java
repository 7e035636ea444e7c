package dev.shade.transfer.spi;

import java.net.URI;

/**
 * Creates {@link ChunkTransport}s to peers by their base URL (the URL under which the peer serves
 * {@code /v1/transfer}). A node is configured with an ordered list of factories.
 */
public interface ChunkTransportFactory {
  /** The transport's name, e.g. {@code http}. */
  String name();

  ChunkTransport connect(URI peerBaseUrl);
}
