package dev.shade.transfer;

import dev.shade.streams.StreamId;

/**
 * A stream cannot be resumed, and nothing was sent: there is no state for it (it finished, was
 * pruned or never existed), its state cannot be opened (sealed under another identity, or
 * altered), or the input is not the one that was sent. The message says which and what to do.
 */
public final class ResumeRefusedException extends RuntimeException {
  /** Why a resume was refused. */
  public enum Reason {
    /** No state: finished, pruned after the retention horizon, or never started here. */
    NO_STATE,
    /** The sealed secret does not open under this node's identity. */
    SEALED_UNDER_OTHER_IDENTITY,
    /** The input differs from what was sent (changed bytes, other size). */
    INPUT_CHANGED,
    /** The receiver no longer has the stream, or ended it. */
    RECEIVER_LOST_STREAM,
    /** The stream cannot be resumed at all (e.g. an input of unknown size). */
    NOT_RESUMABLE
  }

  private final Reason reason;
  private final StreamId streamId;

  public ResumeRefusedException(Reason reason, StreamId streamId, String message) {
    super(message);
    this.reason = reason;
    this.streamId = streamId;
  }

  public Reason reason() {
    return reason;
  }

  public StreamId streamId() {
    return streamId;
  }

  static ResumeRefusedException noState(StreamId id) {
    return new ResumeRefusedException(Reason.NO_STATE, id, "no state for stream " + id
        + ": it finished, was pruned after the retention horizon, or was never sent from this "
        + "node; start a new transfer");
  }

  static ResumeRefusedException sealedSecret(StreamId id, String why) {
    return new ResumeRefusedException(Reason.SEALED_UNDER_OTHER_IDENTITY, id,
        "cannot resume stream " + id + ": " + why + "; start the transfer again");
  }
}
