package dev.shade.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a receiving stream puts verified chunks, and how it surfaces the result only after the
 * whole stream verified. Chunks arrive authenticated but possibly out of order.
 *
 * <p>Thread safety: {@link #write} may be called concurrently for different lanes; the stream
 * serialises calls per lane. {@link #digests}, {@link #publish} and {@link #discard} are called
 * once, after all writes.
 */
interface ChunkSink {
  /**
   * Stores one authenticated chunk, {@code plaintext[0, length)}, that starts at byte {@code
   * offset} of the stream. The array is the caller's again when this returns: a sink that keeps
   * the bytes copies them.
   *
   * @return false when the sink cannot hold it now (its reorder buffer is full): try again later
   */
  boolean write(int laneId, long offset, byte[] plaintext, int length) throws IOException;

  /** Per-lane and overall digests, in protocol order, over everything written. */
  StreamDigests digests(StreamGeometry geometry) throws IOException;

  /** Makes the verified data visible; returns the file it landed in, if any. */
  Optional<Path> publish() throws IOException;

  /** A memory sink's verified bytes. */
  default Optional<byte[]> content() {
    return Optional.empty();
  }

  /** Deletes partial data. Idempotent; never throws. */
  void discard();
}
