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

  private Sha256() {}

  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
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
