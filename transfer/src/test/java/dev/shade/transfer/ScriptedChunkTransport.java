package dev.shade.transfer;

import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkTransport;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.StreamStateView;
import dev.shade.transfer.spi.TransferTransportError;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A chunk transport for tests whose every send answers what {@link #answer} says at that moment; it
 * keeps what it was sent. Its factory connects every peer to this one transport.
 */
final class ScriptedChunkTransport implements ChunkTransport {
  private final String name;
  private final List<byte[]> sent = new ArrayList<>();
  volatile Answer answer = ScriptedChunkTransport::ack;

  /** How a send is answered. */
  interface Answer {
    CompletableFuture<ChunkAck> to(StreamId streamId, byte[] envelope);
  }

  ScriptedChunkTransport(String name) {
    this.name = name;
  }

  static CompletableFuture<ChunkAck> ack(StreamId streamId, byte[] envelope) {
    return CompletableFuture.completedFuture(new ChunkAck(streamId, 0, 0, false));
  }

  /** As a receiver without this transport's route answers: an upgrade refused with HTTP 404. */
  static CompletableFuture<ChunkAck> refused(StreamId streamId, byte[] envelope) {
    return CompletableFuture.failedFuture(new TransferTransportError("test",
        TransferTransportError.Kind.TRANSPORT_REFUSED, "upgrade refused with HTTP 404", null));
  }

  static CompletableFuture<ChunkAck> dropped(StreamId streamId, byte[] envelope) {
    return CompletableFuture.failedFuture(new TransferTransportError("test", "reset"));
  }

  /** Answers the first {@code count} sends with {@code first}, the later ones with {@code then}. */
  static Answer first(int count, Answer first, Answer then) {
    AtomicInteger sends = new AtomicInteger();
    return (streamId, envelope) -> (sends.incrementAndGet() <= count ? first : then)
        .to(streamId, envelope);
  }

  ChunkTransportFactory factory() {
    ScriptedChunkTransport self = this;
    return new ChunkTransportFactory() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ChunkTransport connect(URI peerBaseUrl) {
        return self;
      }
    };
  }

  /** The envelopes sent so far, in order. */
  synchronized List<byte[]> sent() {
    return List.copyOf(sent);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletableFuture<ChunkAck> send(StreamId streamId, byte[] envelope) {
    synchronized (this) {
      sent.add(envelope);
    }
    return answer.to(streamId, envelope);
  }

  @Override
  public CompletableFuture<StreamStateView> state(StreamId streamId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
