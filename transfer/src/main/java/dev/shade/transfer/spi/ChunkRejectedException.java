package dev.shade.transfer.spi;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.ShadeException;

/**
 * The peer refused a chunk or a state query with one of DESIGN.md's error codes ({@code
 * {"error","message"}}). {@link #isRetryable()} tells a sender whether the same envelope may be
 * sent again later (the peer was overloaded or over quota) or not.
 */
public final class ChunkRejectedException extends ShadeException {
  public ChunkRejectedException(ErrorCode errorCode, String message) {
    super(errorCode, message);
  }

  /** True for {@code overloaded} and {@code quota_exceeded}: back off and send again. */
  public boolean isRetryable() {
    return errorCode() == ErrorCode.OVERLOADED || errorCode() == ErrorCode.QUOTA_EXCEEDED;
  }
}
