package dev.shade.transfer;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/** An input read by position, safe for one reader per lane at once. */
interface PositionalSource extends AutoCloseable {
  long sizeBytes();

  /** Reads exactly {@code length} bytes at {@code offset} into {@code dst}. */
  void read(long offset, byte[] dst, int length) throws IOException;

  @Override
  void close() throws IOException;

  static PositionalSource open(Input input) throws IOException {
    if (input instanceof Input.BytesInput) {
      byte[] bytes = ((Input.BytesInput) input).view();
      return new PositionalSource() {
        @Override
        public long sizeBytes() {
          return bytes.length;
        }

        @Override
        public void read(long offset, byte[] dst, int length) {
          System.arraycopy(bytes, (int) offset, dst, 0, length);
        }

        @Override
        public void close() {}
      };
    }
    FileChannel channel = FileChannel.open(((Input.FileInput) input).path(), StandardOpenOption.READ);
    long size = channel.size();
    return new PositionalSource() {
      @Override
      public long sizeBytes() {
        return size;
      }

      @Override
      public void read(long offset, byte[] dst, int length) throws IOException {
        try {
          ChannelSlices.readFully(channel, offset, dst, length);
        } catch (EOFException e) {
          throw new EOFException("input shrank while it was sent: " + e.getMessage());
        }
      }

      @Override
      public void close() throws IOException {
        channel.close();
      }
    };
  }
}
