package dev.shade.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Whole-chunk reads and writes between heap arrays and channels, in slices of {@value
 * #SLICE_BYTES} bytes. The JDK moves heap bytes through a temporary direct buffer as large as the
 * request and keeps one per thread for reuse: a 1 MiB write from each of a receiver's twenty worker
 * threads would pin 20 MiB of native memory for good. Slices keep that cache at 128 KiB a thread
 * for a few more system calls per chunk.
 */
final class ChannelSlices {
  static final int SLICE_BYTES = 128 * 1024;

  private ChannelSlices() {}

  /** Reads exactly {@code length} bytes at {@code position} into {@code dst[0, length)}. */
  static void readFully(FileChannel channel, long position, byte[] dst, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(dst, 0, 0);
    long at = position;
    for (int done = 0; done < length; ) {
      buffer.limit(Math.min(length, done + SLICE_BYTES)).position(done);
      int n = channel.read(buffer, at);
      if (n < 0) {
        throw new EOFException("no byte at " + at + ": the file is shorter than expected");
      }
      done += n;
      at += n;
    }
  }

  /** Writes {@code src[0, length)} at {@code position}. */
  static void writeFully(FileChannel channel, long position, byte[] src, int length)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(src, 0, 0);
    long at = position;
    for (int done = 0; done < length; ) {
      buffer.limit(Math.min(length, done + SLICE_BYTES)).position(done);
      int n = channel.write(buffer, at);
      done += n;
      at += n;
    }
  }

  /** Writes {@code src[0, length)} at the channel's position. */
  static void writeFully(WritableByteChannel channel, byte[] src, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.wrap(src, 0, 0);
    for (int done = 0; done < length; ) {
      buffer.limit(Math.min(length, done + SLICE_BYTES)).position(done);
      done += channel.write(buffer);
    }
  }
}
