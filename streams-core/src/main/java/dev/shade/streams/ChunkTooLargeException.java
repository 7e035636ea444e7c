package dev.shade.streams;

/** A chunk header declares more ciphertext than the reader's cap. Maps to 413 {@code too_large}. */
public final class ChunkTooLargeException extends ShadeFormatException {
  private final long declaredBytes;
  private final long capBytes;

  public ChunkTooLargeException(long declaredBytes, long capBytes) {
    super(ErrorCode.TOO_LARGE, "ctLen",
        "declares " + declaredBytes + " bytes, over the cap of " + capBytes);
    this.declaredBytes = declaredBytes;
    this.capBytes = capBytes;
  }

  public long declaredBytes() {
    return declaredBytes;
  }

  public long capBytes() {
    return capBytes;
  }
}
