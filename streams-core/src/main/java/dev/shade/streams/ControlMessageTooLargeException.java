package dev.shade.streams;

/**
 * A control message over {@link ControlLimits#MAX_MESSAGE_BYTES}: refused by the decoder before
 * parsing, and by the encoder rather than sent to a peer that would refuse it. Maps to 413
 * {@code too_large}; {@link #field()} is {@code body}.
 */
public final class ControlMessageTooLargeException extends ShadeFormatException {
  private final long sizeBytes;

  public ControlMessageTooLargeException(long sizeBytes) {
    super(ErrorCode.TOO_LARGE, JsonPaths.BODY, "is " + sizeBytes
        + " bytes, over the control message cap of " + ControlLimits.MAX_MESSAGE_BYTES);
    this.sizeBytes = sizeBytes;
  }

  public long sizeBytes() {
    return sizeBytes;
  }

  public long capBytes() {
    return ControlLimits.MAX_MESSAGE_BYTES;
  }
}
