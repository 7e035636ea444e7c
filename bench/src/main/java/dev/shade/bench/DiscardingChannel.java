package dev.shade.bench;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.Optional;

/**
 * A channel that takes every byte and keeps none, like {@code /dev/null}, and notes when the first
 * byte arrived (the receiver's "first byte" in the latency benchmark). Thread-safe.
 */
final class DiscardingChannel implements WritableByteChannel {
  private volatile boolean open = true;
  private volatile Instant firstByteAt;

  @Override
  public int write(ByteBuffer src) {
    int n = src.remaining();
    if (n > 0 && firstByteAt == null) {
      firstByteAt = Instant.now();
    }
    src.position(src.limit());
    return n;
  }

  /** When the first byte was written, if one was. */
  Optional<Instant> firstByteAt() {
    return Optional.ofNullable(firstByteAt);
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
  }
}
