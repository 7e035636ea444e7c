package dev.shade.transfer;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.ShadeException;

/** A stream ended by {@code abort}, from this side or the peer, with the stated reason. */
public final class TransferAbortedException extends ShadeException {
  private final String reason;
  private final boolean byPeer;

  public TransferAbortedException(String reason, boolean byPeer) {
    super(ErrorCode.WRONG_STATE, (byPeer ? "aborted by the peer: " : "aborted: ") + reason);
    this.reason = reason;
    this.byPeer = byPeer;
  }

  public String reason() {
    return reason;
  }

  public boolean byPeer() {
    return byPeer;
  }
}
