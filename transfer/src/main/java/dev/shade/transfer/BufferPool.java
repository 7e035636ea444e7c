package dev.shade.transfer;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * Reusable byte arrays of one size, so a stream allocates its chunk-sized buffers once instead of
 * once per chunk (a 1 MiB array is a humongous allocation for G1 and costs a zeroing pass). Keeps at
 * most {@code capacity} free arrays; arrays of another size are not kept. A buffer that is never
 * given back is simply collected. {@link #close()} lets go of every kept array when the stream
 * ends, so a finished stream that is still referenced holds no buffers. Thread-safe.
 */
final class BufferPool {
  private final int bufferBytes;
  private final ArrayBlockingQueue<byte[]> free;
  private volatile boolean closed;

  BufferPool(int bufferBytes, int capacity) {
    if (bufferBytes < 0 || capacity < 1) {
      throw new IllegalArgumentException("bufferBytes " + bufferBytes + ", capacity " + capacity);
    }
    this.bufferBytes = bufferBytes;
    this.free = new ArrayBlockingQueue<>(capacity);
  }

  int bufferBytes() {
    return bufferBytes;
  }

  /** A free array of {@link #bufferBytes()} bytes with stale contents, or a new one. */
  byte[] take() {
    byte[] buffer = free.poll();
    return buffer != null ? buffer : new byte[bufferBytes];
  }

  /** Returns {@code buffer} for reuse; the caller must not touch it afterwards. */
  void give(byte[] buffer) {
    if (buffer.length == bufferBytes && !closed) {
      free.offer(buffer);
      if (closed) {
        free.clear(); // raced with close()
      }
    }
  }

  /** Drops the kept arrays and keeps none from now on; {@link #take()} still allocates. */
  void close() {
    closed = true;
    free.clear();
  }
}
