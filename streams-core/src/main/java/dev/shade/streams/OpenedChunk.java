package dev.shade.streams;

/**
 * An authenticated chunk: its header and its plaintext. Only {@link ChunkOpener} creates these, and
 * only after the tag verified.
 */
public final class OpenedChunk {
  private final ChunkHeader header;
  private final byte[] plaintext;

  OpenedChunk(ChunkHeader header, byte[] plaintext) {
    this.header = header;
    this.plaintext = plaintext;
  }

  public ChunkHeader header() {
    return header;
  }

  /** The verified plaintext. The array is the caller's to keep or wipe. */
  public byte[] plaintext() {
    return plaintext;
  }
}
