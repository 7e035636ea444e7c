package dev.shade.cli;

import dev.shade.transfer.FallbackPolicy;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transport.http.HttpChunkTransport;
import dev.shade.transport.ws.WsChunkTransport;
import io.vertx.core.Vertx;

/**
 * {@code send --transport}: the chunk transports a node sends over, in order of preference. The
 * engine moves from one to the next by its {@link FallbackPolicy}; a single one never falls back.
 */
enum ChunkTransports {
  /**
   * One WebSocket per peer; HTTP when the peer refuses the upgrade (at once) or the socket keeps
   * failing ({@link FallbackPolicy#demoteAfter()}).
   */
  AUTO,
  /** One HTTP request per chunk. */
  HTTP,
  /** One WebSocket per peer and nothing else: a peer that refuses the upgrade fails the send. */
  WS;

  ChunkTransportFactory[] factories(Vertx vertx) {
    return switch (this) {
      case AUTO -> new ChunkTransportFactory[] {WsChunkTransport.factory(vertx),
          HttpChunkTransport.factory(vertx)};
      case HTTP -> new ChunkTransportFactory[] {HttpChunkTransport.factory(vertx)};
      case WS -> new ChunkTransportFactory[] {WsChunkTransport.factory(vertx)};
    };
  }
}
