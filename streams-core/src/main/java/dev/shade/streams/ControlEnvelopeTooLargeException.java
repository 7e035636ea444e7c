package dev.shade.streams;

/** A control envelope over {@link ControlEnvelope#MAX_ENVELOPE_BYTES}. Maps to 413 {@code too_large}. */
public final class ControlEnvelopeTooLargeException extends ShadeFormatException {
  public ControlEnvelopeTooLargeException(long sizeBytes) {
    super(ErrorCode.TOO_LARGE, "envelope", sizeBytes + " bytes, over the cap of "
        + ControlEnvelope.MAX_ENVELOPE_BYTES);
  }
}
