package dev.shade.streams;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The public 16-byte name of a stream on the wire. Written as 22 characters of unpadded base64url in
 * paths and JSON. Not a secret, but a capability for {@code GET /:streamId/state}: log it freely,
 * do not publish it.
 */
public final class StreamId {
  public static final int SIZE_BYTES = 16;
  private final byte[] bytes;

  private StreamId(byte[] ownedBytes) {
    this.bytes = ownedBytes;
  }

  public static StreamId random(SecureRandom random) {
    byte[] fresh = new byte[SIZE_BYTES];
    random.nextBytes(fresh);
    return new StreamId(fresh);
  }

  public static StreamId of(byte[] bytes) {
    if (bytes.length != SIZE_BYTES) {
      throw new IllegalArgumentException("streamId must be 16 bytes, was " + bytes.length);
    }
    return new StreamId(bytes.clone());
  }

  /**
   * Parses the 22-character base64url form.
   *
   * @throws ShadeFormatException when {@code text} is not exactly 16 bytes of canonical base64url
   */
  public static StreamId parse(String text, String field) {
    return new StreamId(Base64Url.decode(text, field, SIZE_BYTES));
  }

  public static StreamId parse(String text) {
    return parse(text, "streamId");
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** Copies the 16 bytes into {@code dst} at {@code offset}. */
  void copyTo(byte[] dst, int offset) {
    System.arraycopy(bytes, 0, dst, offset, SIZE_BYTES);
  }

  boolean matches(byte[] src, int offset) {
    return Arrays.equals(bytes, 0, SIZE_BYTES, src, offset, offset + SIZE_BYTES);
  }

  public String toBase64Url() {
    return Base64Url.encode(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StreamId && Arrays.equals(bytes, ((StreamId) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toBase64Url();
  }
}
