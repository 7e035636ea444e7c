package dev.shade.streams;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * SHA-256 of one lane's plaintext in seq order, with the chunk and byte counts that {@code
 * stream-finish} reports for the lane. Feed chunks in seq order, including an empty isLast chunk.
 *
 * <p>Not thread-safe.
 */
public final class LaneHasher {
  private final int laneId;
  private final MessageDigest digest;
  private long chunks;
  private long bytes;
  private String finalHex;

  public LaneHasher(int laneId) {
    this.laneId = laneId;
    this.digest = Sha256.newDigest();
  }

  private LaneHasher(LaneHasher other) {
    this.laneId = other.laneId;
    this.digest = Sha256.copy(other.digest);
    this.chunks = other.chunks;
    this.bytes = other.bytes;
  }

  /** An independent hasher in this one's state (same chunks so far). */
  public LaneHasher copy() {
    checkOpen();
    return new LaneHasher(this);
  }

  /** The SHA-256 of the chunks added so far; the hasher goes on accepting chunks. */
  public byte[] prefixSha256() {
    checkOpen();
    return Sha256.copy(digest).digest();
  }

  public int laneId() {
    return laneId;
  }

  /** Adds the next chunk of the lane. */
  public void addChunk(byte[] plaintext, int off, int len) {
    checkOpen();
    Sha256.update(digest, plaintext, off, len);
    chunks++;
    bytes += len;
  }

  public void addChunk(ByteBuffer plaintext) {
    checkOpen();
    bytes += plaintext.remaining();
    digest.update(plaintext);
    chunks++;
  }

  public long chunks() {
    return chunks;
  }

  public long bytes() {
    return bytes;
  }

  /** The hex digest; the hasher accepts no more chunks afterwards. Idempotent. */
  public String finishHex() {
    if (finalHex == null) {
      finalHex = Sha256.hex(digest.digest());
    }
    return finalHex;
  }

  private void checkOpen() {
    if (finalHex != null) {
      throw new IllegalStateException("lane " + laneId + " hash already finished");
    }
  }
}
