package dev.shade.bench;

import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** A channel that takes every byte and keeps none, like {@code /dev/null}. Thread-safe. */
final class DiscardingChannel implements WritableByteChannel {
  private volatile boolean open = true;

  @Override
  public int write(ByteBuffer src) {
    int n = src.remaining();
    src.position(src.limit());
    return n;
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
