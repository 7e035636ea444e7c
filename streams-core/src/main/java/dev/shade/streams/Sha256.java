package dev.shade.streams;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 through the JDK's {@link MessageDigest}, which uses the CPU's SHA instructions (several
 * times faster than a pure-Java digest), and lowercase hex as the wire writes it.
 */
public final class Sha256 {
  public static final int SIZE_BYTES = 32;
  private static final HexFormat HEX = HexFormat.of();
  private static final int SLICE_BYTES = 64 * 1024;

  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * Feeds {@code digest} in slices of at most 64 KiB. The JDK compiles {@code
   * MessageDigest.update} with the SHA intrinsic only after thousands of calls; slices keep the
   * call count up with 1 MiB chunks, so a deoptimised update recovers within a few MiB instead of
   * hundreds.
   */
  public static void update(MessageDigest digest, byte[] bytes, int off, int len) {
    int at = off;
    int end = off + len;
    while (at < end) {
      int n = Math.min(SLICE_BYTES, end - at);
      digest.update(bytes, at, n);
      at += n;
    }
  }

  /** An independent digest in {@code digest}'s state. */
  public static MessageDigest copy(MessageDigest digest) {
    try {
      return (MessageDigest) digest.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 digest cannot be copied", e);
    }
  }

  public static String hex(byte[] digest) {
    return HEX.formatHex(digest);
  }

  /** Hex SHA-256 of {@code bytes}. */
  public static String hexOf(byte[] bytes) {
    return hex(newDigest().digest(bytes));
  }

  /** Hex SHA-256 of no bytes, an empty lane's digest. */
  public static String emptyHex() {
    return hexOf(new byte[0]);
  }
}
