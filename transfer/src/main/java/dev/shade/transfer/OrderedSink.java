package dev.shade.transfer;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.ShadeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Emits chunks in stream order, holding early ones in a reorder buffer of at most {@code
 * capacityChunks} (lanes × window) and refusing more until the gap fills, so memory stays bounded
 * whatever the stream's size. A chunk that finds the buffer full waits (the receiver stops
 * acknowledging) until the gap fills or a short deadline passes. Emitted bytes go to a channel (unverified until the stream verifies)
 * or into memory under a cap (handed out only after verification). Digests are computed as bytes
 * are emitted.
 */
final class OrderedSink implements ChunkSink {
  /** How long an early chunk waits for room before the receiver answers {@code overloaded}. */
  private static final long ROOM_WAIT_NANOS = 250_000_000L;
  private final int capacityChunks;
  private final SinkDigester digester;
  private final WritableByteChannel channel;
  private final ByteArrayOutputStream memory;
  private final long memoryCapBytes;
  private final TreeMap<Long, byte[]> early = new TreeMap<>();
  private long nextOffset;

  private OrderedSink(StreamGeometry geometry, int capacityChunks, WritableByteChannel channel,
      long memoryCapBytes) {
    this.capacityChunks = capacityChunks;
    this.digester = new SinkDigester(geometry);
    this.channel = channel;
    this.memory = channel == null ? new ByteArrayOutputStream() : null;
    this.memoryCapBytes = memoryCapBytes;
  }

  static OrderedSink toChannel(StreamGeometry geometry, int capacityChunks,
      WritableByteChannel channel) {
    return new OrderedSink(geometry, capacityChunks, channel, 0);
  }

  static OrderedSink toMemory(StreamGeometry geometry, int capacityChunks, long capBytes) {
    return new OrderedSink(geometry, capacityChunks, null, capBytes);
  }

  @Override
  public synchronized boolean write(int laneId, long offset, byte[] plaintext, int length)
      throws IOException {
    if (length == 0) {
      return true;
    }
    long deadline = System.nanoTime() + ROOM_WAIT_NANOS;
    while (offset != nextOffset && early.size() >= capacityChunks) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    if (offset != nextOffset) {
      early.put(offset, Arrays.copyOf(plaintext, length));
      return true;
    }
    emit(plaintext, length);
    while (!early.isEmpty() && early.firstKey() == nextOffset) {
      byte[] next = early.pollFirstEntry().getValue();
      emit(next, next.length);
    }
    notifyAll();
    return true;
  }

  private void emit(byte[] bytes, int length) throws IOException {
    digester.update(bytes, 0, length);
    nextOffset += length;
    if (channel != null) {
      ChannelSlices.writeFully(channel, bytes, length);
    } else {
      if (memory.size() + (long) length > memoryCapBytes) {
        throw new OverCapException(memoryCapBytes);
      }
      memory.write(bytes, 0, length);
    }
  }

  @Override
  public synchronized StreamDigests digests(StreamGeometry geometry) {
    if (!early.isEmpty()) {
      throw new IllegalStateException("chunks still held out of order at " + early.firstKey());
    }
    return digester.finish();
  }

  @Override
  public Optional<Path> publish() {
    return Optional.empty();
  }

  @Override
  public synchronized Optional<byte[]> content() {
    return memory == null ? Optional.empty() : Optional.of(memory.toByteArray());
  }

  @Override
  public synchronized void discard() {
    early.clear();
    if (memory != null) {
      memory.reset();
    }
  }

  /** A memory output received more than its cap. */
  static final class OverCapException extends ShadeException {
    OverCapException(long capBytes) {
      super(ErrorCode.TOO_LARGE, "stream exceeds the memory output's cap of " + capBytes + " bytes");
    }
  }
}
