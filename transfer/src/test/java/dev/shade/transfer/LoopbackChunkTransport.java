package dev.shade.transfer;

import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkReceiver;
import dev.shade.transfer.spi.ChunkRejectedException;
import dev.shade.transfer.spi.ChunkTransport;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.StreamStateView;
import dev.shade.streams.ShadeException;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * An in-process chunk transport for engine tests: envelopes go to the receiver's {@link
 * ChunkReceiver} exactly as a route hands them over (header first, then the body), on a small
 * thread pool, and refusals come back as the {@link ChunkRejectedException}s a network transport
 * raises. A tamper function may rewrite envelopes on the way, as a hostile network would.
 */
final class LoopbackChunkTransport implements ChunkTransport {
  private final ChunkReceiver receiver;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private volatile UnaryOperator<byte[]> tamper = UnaryOperator.identity();

  LoopbackChunkTransport(ChunkReceiver receiver) {
    this.receiver = receiver;
  }

  ChunkTransportFactory factory() {
    LoopbackChunkTransport self = this;
    return new ChunkTransportFactory() {
      @Override
      public String name() {
        return "loopback";
      }

      @Override
      public ChunkTransport connect(URI peerBaseUrl) {
        return self;
      }
    };
  }

  void tamper(UnaryOperator<byte[]> tamper) {
    this.tamper = tamper;
  }

  @Override
  public String name() {
    return "loopback";
  }

  @Override
  public CompletableFuture<ChunkAck> send(StreamId streamId, byte[] envelope) {
    byte[] wire = tamper.apply(envelope.clone());
    return CompletableFuture.supplyAsync(() -> {
      try {
        ChunkReceiver.AdmittedChunk admitted =
            receiver.admit(streamId.toBase64Url(), Arrays.copyOf(wire, Math.min(36, wire.length)));
        return receiver.deliver(admitted, Arrays.copyOfRange(wire, Math.min(36, wire.length),
            wire.length));
      } catch (ShadeException e) {
        throw new ChunkRejectedException(e.errorCode(), e.getMessage());
      }
    }, pool);
  }

  @Override
  public CompletableFuture<StreamStateView> state(StreamId streamId) {
    return CompletableFuture.supplyAsync(() -> receiver.state(streamId.toBase64Url()), pool);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
