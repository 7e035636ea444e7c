package dev.shade.transfer.control;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.ShadeException;

/**
 * A control request refused by the ratchet or by trust policy, or refused by the peer that
 * received it. {@link #errorCode()} is the DESIGN.md error name a route answers with:
 * {@code decrypt_failed}, {@code untrusted_identity}, {@code no_session} (all 422), or the code a
 * remote peer answered with.
 */
public final class ControlException extends ShadeException {
  public ControlException(ErrorCode errorCode, String message) {
    super(errorCode, message);
  }

  public ControlException(ErrorCode errorCode, String message, Throwable cause) {
    super(errorCode, message, cause);
  }
}
