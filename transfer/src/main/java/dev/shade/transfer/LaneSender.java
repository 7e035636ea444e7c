package dev.shade.transfer;

import dev.shade.streams.ChunkSealer;
import dev.shade.streams.LaneHasher;
import dev.shade.streams.LaneSummary;
import java.util.TreeSet;

/**
 * One lane of an upload: hashes and seals its chunks in seq order and keeps every in-flight seq
 * below the lowest unacknowledged seq + window (DESIGN.md: capping only the count in flight is not
 * enough, the receiver's window slides with its first gap). Acks arrive on transport threads.
 *
 * <p>Envelopes of full chunks are sealed into reused arrays: an envelope goes back to the lane's
 * pool only when its ack arrives (the transport no longer reads it then); a failed send's envelope
 * is left to the collector.
 *
 * <p>The lane thread calls {@link #send} and {@link #awaitAcked}; {@link #acked} and {@link #fail}
 * may come from any thread.
 */
final class LaneSender {
  /** Hands a sealed envelope to the transport, asynchronously; acks come back through {@link #acked}. */
  interface Dispatch {
    void send(LaneSender lane, long seq, byte[] envelope, int plaintextBytes);
  }

  private final ChunkSealer sealer;
  private final LaneHasher hasher;
  private final int window;
  private final Dispatch dispatch;
  private final TreeSet<Long> unacked = new TreeSet<>();
  private final Runnable onAck;
  private final BufferPool envelopes;
  private Throwable failure;

  LaneSender(ChunkSealer sealer, int window, int chunkSizeBytes, Dispatch dispatch,
      Runnable onAck) {
    this.sealer = sealer;
    this.envelopes = new BufferPool(ChunkSealer.envelopeLengthBytes(chunkSizeBytes), window + 1);
    this.hasher = new LaneHasher(sealer.laneId());
    this.window = window;
    this.dispatch = dispatch;
    this.onAck = onAck;
  }

  int laneId() {
    return sealer.laneId();
  }

  /** Waits for window room, then hashes, seals and dispatches the lane's next chunk. */
  void send(byte[] plaintext, int length, boolean isLast) throws InterruptedException {
    long seq;
    synchronized (this) {
      while (failure == null && sealer.nextSeq() >= lowestUnacked() + window) {
        wait();
      }
      throwIfFailed();
      seq = sealer.nextSeq();
    }
    hasher.addChunk(plaintext, 0, length);
    int envelopeBytes = ChunkSealer.envelopeLengthBytes(length);
    byte[] envelope = sealer.seal(plaintext, 0, length, isLast,
        envelopeBytes == envelopes.bufferBytes() ? envelopes.take() : new byte[envelopeBytes]);
    synchronized (this) {
      unacked.add(seq);
    }
    dispatch.send(this, seq, envelope, length);
  }

  /** The transport delivered {@code envelope} (seq {@code seq}) and is done with it. */
  void acked(long seq, byte[] envelope) {
    envelopes.give(envelope);
    synchronized (this) {
      unacked.remove(seq);
      notifyAll();
    }
    onAck.run();
  }

  /** The lowest seq of this lane not yet acknowledged (sent or not). */
  synchronized long lowestUnackedSeq() {
    return lowestUnacked();
  }

  synchronized void fail(Throwable error) {
    if (failure == null) {
      failure = error;
    }
    notifyAll();
  }

  synchronized boolean isFailed() {
    return failure != null;
  }

  /** Throws the failure that ended this lane (as a {@link LaneFailedException}), if any. */
  synchronized void checkNotFailed() {
    throwIfFailed();
  }

  /** Blocks until every sealed chunk is acknowledged. */
  synchronized void awaitAcked() throws InterruptedException {
    while (failure == null && !unacked.isEmpty()) {
      wait();
    }
    throwIfFailed();
  }

  LaneSummary summary() {
    return new LaneSummary(laneId(), hasher.chunks(), hasher.bytes(), hasher.finishHex());
  }

  void destroy() {
    envelopes.close();
    sealer.destroy();
  }

  private long lowestUnacked() {
    return unacked.isEmpty() ? sealer.nextSeq() : unacked.first();
  }

  private void throwIfFailed() {
    if (failure != null) {
      throw new LaneFailedException(failure);
    }
  }

  /** Carries the failure that ended the lane out of the lane thread. */
  static final class LaneFailedException extends RuntimeException {
    LaneFailedException(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
