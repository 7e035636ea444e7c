package dev.shade.transfer.spi;

import dev.shade.streams.StreamId;
import java.util.concurrent.CompletableFuture;

/**
 * The sender's data plane to one peer: deliver 0x11 chunk envelopes and ask for a stream's state.
 * HTTP and WebSocket implement it, WebRTC later; the engine knows none of them by name.
 *
 * <p>Guarantees: {@link #send} completes with the peer's {@link ChunkAck} only once the peer holds
 * the chunk in its sink; it fails with {@link ChunkRejectedException} when the peer refused the
 * chunk with an error code, or with {@link TransferTransportError} when it could not be delivered.
 * The transport does not retry; the engine does.
 *
 * <p>Thread safety: implementations are safe for concurrent use; many sends are in flight at once
 * (lanes × window). Methods never block: they return futures, completed on a transport thread, so
 * callers must not block in dependent stages.
 *
 * <pre>{@code
 * ChunkTransport http = HttpChunkTransport.factory(vertx).connect(URI.create("http://127.0.0.1:8080"));
 * http.send(streamId, envelope).thenAccept(ack -> ...);
 * }</pre>
 */
public interface ChunkTransport extends AutoCloseable {
  /** The transport's name, as progress events report it ({@code http}, {@code ws}, ...). */
  String name();

  /**
   * Delivers one envelope of {@code streamId}. The transport may read {@code envelope} without
   * copying it until the future completes; once it completed successfully the transport must not
   * touch the array again, because the engine reuses it for a later chunk.
   */
  CompletableFuture<ChunkAck> send(StreamId streamId, byte[] envelope);

  /** The receiver's view of the stream ({@code GET /:streamId/state}). */
  CompletableFuture<StreamStateView> state(StreamId streamId);

  /** Releases connections. Idempotent. */
  @Override
  void close();
}
