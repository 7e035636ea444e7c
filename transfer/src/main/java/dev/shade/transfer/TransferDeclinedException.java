package dev.shade.transfer;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.ShadeException;

/** The receiver declined the stream (a person said no, or a policy: caps, quota, trust). */
public final class TransferDeclinedException extends ShadeException {
  private final String reason;

  public TransferDeclinedException(String reason) {
    super(ErrorCode.WRONG_STATE, "declined by the receiver: " + reason);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
