package dev.shade.transfer;

import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What an upload reads. A file has a known size and is sent RANGE-partitioned, each lane reading
 * its own byte range; a stream or channel has an unknown size and is sent ROUND_ROBIN, read once in
 * order; bytes are a known size held in memory.
 *
 * <p>A file must not change while it is sent: the sender hashes what it reads and the receiver
 * refuses a stream whose hashes disagree.
 */
public sealed interface Input permits Input.FileInput, Input.ChannelInput, Input.BytesInput {

  static Input file(Path path) {
    return new FileInput(path);
  }

  static Input stream(InputStream in) {
    return new ChannelInput(Channels.newChannel(Objects.requireNonNull(in, "in")));
  }

  static Input channel(ReadableByteChannel channel) {
    return new ChannelInput(channel);
  }

  static Input bytes(byte[] bytes) {
    return new BytesInput(bytes.clone());
  }

  /** The size when known before reading. */
  OptionalLong knownSizeBytes();

  /** A file read by position, one range per lane. */
  record FileInput(Path path) implements Input {
    public FileInput {
      Objects.requireNonNull(path, "path");
    }

    @Override
    public OptionalLong knownSizeBytes() {
      try {
        return OptionalLong.of(java.nio.file.Files.size(path));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot read the size of " + path, e);
      }
    }
  }

  /** An input of unknown size, read once, in order. */
  record ChannelInput(ReadableByteChannel channel) implements Input {
    public ChannelInput {
      Objects.requireNonNull(channel, "channel");
    }

    @Override
    public OptionalLong knownSizeBytes() {
      return OptionalLong.empty();
    }
  }

  /** Bytes in memory. */
  record BytesInput(byte[] bytes) implements Input {
    public BytesInput {
      Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public OptionalLong knownSizeBytes() {
      return OptionalLong.of(bytes.length);
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    byte[] view() {
      return bytes;
    }
  }
}
