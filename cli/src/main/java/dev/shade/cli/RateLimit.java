package dev.shade.cli;

import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkTransport;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.StreamStateView;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * {@code --limit-rate}: paces the chunk envelopes of a node to at most {@code bytesPerSecond}, all
 * lanes, streams and transports together. A send waits for its turn without blocking a thread (it
 * is handed to the transport later); the first goes at once.
 *
 * <p>Thread safety: safe for concurrent use.
 */
final class RateLimit {
  private final double nanosPerByte;
  private final LongSupplier nanoTime;
  private long nextFreeNanos;

  RateLimit(long bytesPerSecond, LongSupplier nanoTime) {
    if (bytesPerSecond < 1) {
      throw new IllegalArgumentException("bytesPerSecond must be positive: " + bytesPerSecond);
    }
    this.nanosPerByte = 1e9 / bytesPerSecond;
    this.nanoTime = nanoTime;
    this.nextFreeNanos = nanoTime.getAsLong();
  }

  /** Books {@code bytes}; returns how long their sender waits for its turn, in nanoseconds. */
  synchronized long reserve(int bytes) {
    long now = nanoTime.getAsLong();
    long start = Math.max(now, nextFreeNanos);
    nextFreeNanos = start + (long) (bytes * nanosPerByte);
    return start - now;
  }

  /** {@code factories}, each connecting transports that send within this limit. */
  ChunkTransportFactory[] apply(ChunkTransportFactory[] factories) {
    return Arrays.stream(factories).map(this::paced).toArray(ChunkTransportFactory[]::new);
  }

  private ChunkTransportFactory paced(ChunkTransportFactory factory) {
    return new ChunkTransportFactory() {
      @Override
      public String name() {
        return factory.name();
      }

      @Override
      public ChunkTransport connect(URI peerBaseUrl) {
        return new Paced(factory.connect(peerBaseUrl));
      }
    };
  }

  /** A transport whose sends wait for their turn. */
  private final class Paced implements ChunkTransport {
    private final ChunkTransport transport;

    Paced(ChunkTransport transport) {
      this.transport = transport;
    }

    @Override
    public String name() {
      return transport.name();
    }

    @Override
    public CompletableFuture<ChunkAck> send(StreamId streamId, byte[] envelope) {
      long waitNanos = reserve(envelope.length);
      if (waitNanos <= 0) {
        return transport.send(streamId, envelope);
      }
      Executor later = CompletableFuture.delayedExecutor(waitNanos, TimeUnit.NANOSECONDS);
      return CompletableFuture.runAsync(() -> { }, later)
          .thenCompose(ignored -> transport.send(streamId, envelope));
    }

    @Override
    public CompletableFuture<StreamStateView> state(StreamId streamId) {
      return transport.state(streamId);
    }

    @Override
    public void close() {
      transport.close();
    }
  }
}
