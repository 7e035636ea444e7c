package dev.shade.streams;

import javax.security.auth.Destroyable;

/**
 * Seals one lane's chunks into 0x11 envelopes. The sealer owns the lane's seq: it starts at
 * {@code startSeq} (0 for a new stream, the first unacknowledged seq on resume) and advances by one
 * per sealed chunk, so no caller can build a nonce and no nonce repeats within one sealer. After the
 * isLast chunk, or after {@link #destroy()}, every seal throws.
 *
 * <p>Resuming at a seq already used re-encrypts under a used nonce; that is safe only for identical
 * plaintext, which the resume logic must prove before it creates the sealer.
 *
 * <p>Not thread-safe: one lane, one sealer, one thread at a time.
 *
 * <pre>{@code
 * try (var sealer = ChunkSealer.create(streamKey.laneKey(0), 0)) { ... }
 * byte[] envelope = sealer.seal(plaintext, 0, n, isLast);
 * }</pre>
 */
public final class ChunkSealer implements Destroyable, AutoCloseable {
  private final LaneKey key;
  private final LaneCipher cipher;
  private long nextSeq;
  private boolean sealedLast;

  private ChunkSealer(LaneKey key, long startSeq) {
    this.key = key;
    this.cipher = new LaneCipher(key);
    this.nextSeq = startSeq;
  }

  /** A sealer for {@code key}'s lane whose first chunk gets seq {@code startSeq}. */
  public static ChunkSealer create(LaneKey key, long startSeq) {
    if (startSeq < 0 || startSeq > ChunkHeader.MAX_SEQ) {
      throw new IllegalArgumentException("startSeq must be 0..2^53-1: " + startSeq);
    }
    if (key.isDestroyed()) {
      throw new IllegalStateException("lane key has been destroyed");
    }
    return new ChunkSealer(key, startSeq);
  }

  /** The seq the next sealed chunk will carry. */
  public long nextSeq() {
    return nextSeq;
  }

  public int laneId() {
    return key.laneId();
  }

  /** Seals {@code plaintext[off, off+len)} as the next chunk; returns the whole envelope. */
  public byte[] seal(byte[] plaintext, int off, int len, boolean isLast) {
    checkRange(plaintext, off, len);
    return seal(plaintext, off, len, isLast, new byte[envelopeLengthBytes(len)]);
  }

  /**
   * Seals {@code plaintext[off, off+len)} as the next chunk into {@code envelope}, an array of
   * exactly {@link #envelopeLengthBytes envelopeLengthBytes(len)} bytes that the caller reuses
   * (its old contents are overwritten); returns {@code envelope}.
   */
  public byte[] seal(byte[] plaintext, int off, int len, boolean isLast, byte[] envelope) {
    checkRange(plaintext, off, len);
    if (envelope.length != envelopeLengthBytes(len)) {
      throw new IllegalArgumentException("envelope array is " + envelope.length + " bytes, a "
          + len + "-byte chunk needs " + envelopeLengthBytes(len));
    }
    checkUsable();
    ChunkHeader header = new ChunkHeader(key.streamId(), key.laneId(), nextSeq, isLast,
        len + ChunkHeader.TAG_SIZE_BYTES);
    header.writeTo(envelope, 0);
    cipher.seal(header, envelope, plaintext, off, len);
    nextSeq++;
    sealedLast = isLast;
    return envelope;
  }

  public byte[] seal(byte[] plaintext, boolean isLast) {
    return seal(plaintext, 0, plaintext.length, isLast);
  }

  /** The length of the envelope that seals {@code plaintextBytes} bytes: header + ciphertext + tag. */
  public static int envelopeLengthBytes(int plaintextBytes) {
    if (plaintextBytes < 0
        || plaintextBytes > Integer.MAX_VALUE - ChunkHeader.SIZE_BYTES - ChunkHeader.TAG_SIZE_BYTES) {
      throw new IllegalArgumentException("chunk too large: " + plaintextBytes);
    }
    return ChunkHeader.SIZE_BYTES + plaintextBytes + ChunkHeader.TAG_SIZE_BYTES;
  }

  private static void checkRange(byte[] plaintext, int off, int len) {
    if (off < 0 || len < 0 || off > plaintext.length - len) {
      throw new IndexOutOfBoundsException("off " + off + " len " + len + " of " + plaintext.length);
    }
  }

  private void checkUsable() {
    if (key.isDestroyed()) {
      throw new IllegalStateException("lane key has been destroyed");
    }
    if (sealedLast) {
      throw new IllegalStateException("lane " + key.laneId() + " already sealed its isLast chunk");
    }
    if (nextSeq > ChunkHeader.MAX_SEQ) {
      throw new IllegalStateException("lane " + key.laneId() + " exhausted its seq space");
    }
  }

  /** Wipes the lane key. Idempotent. */
  @Override
  public void destroy() {
    key.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return key.isDestroyed();
  }

  @Override
  public void close() {
    destroy();
  }
}
