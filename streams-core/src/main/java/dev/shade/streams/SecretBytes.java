package dev.shade.streams;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Key material that copies in, never hands out its internal array, compares in constant time and
 * can be zeroised.
 *
 * <p>Every accessor after {@link #destroy()} throws {@link IllegalStateException}, so a key that a
 * finished stream has wiped cannot be used by mistake. {@link #toString()} never shows the bytes.
 *
 * <p>Thread safety: instances are safe to share; {@code destroy()} racing with a reader may leave
 * the reader with zeros or an exception, never with a partially copied secret handed out as valid.
 *
 * <pre>{@code
 * SecretBytes secret = SecretBytes.random(32, new SecureRandom());
 * try { use(secret.toByteArray()); } finally { secret.destroy(); }
 * }</pre>
 */
public final class SecretBytes implements Destroyable {
  private final byte[] bytes;
  private volatile boolean destroyed;

  private SecretBytes(byte[] ownedBytes) {
    this.bytes = ownedBytes;
  }

  /** Copies {@code bytes}; the caller may (and should) wipe its own array afterwards. */
  public static SecretBytes copyOf(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    return new SecretBytes(bytes.clone());
  }

  /** {@code sizeBytes} fresh bytes from {@code random}. */
  public static SecretBytes random(int sizeBytes, SecureRandom random) {
    if (sizeBytes <= 0) {
      throw new IllegalArgumentException("sizeBytes must be positive: " + sizeBytes);
    }
    byte[] fresh = new byte[sizeBytes];
    random.nextBytes(fresh);
    return new SecretBytes(fresh);
  }

  public int sizeBytes() {
    checkAlive();
    return bytes.length;
  }

  /** A fresh copy of the secret. Wipe it ({@code Arrays.fill(copy, (byte) 0)}) when done. */
  public byte[] toByteArray() {
    checkAlive();
    byte[] copy = bytes.clone();
    checkAlive();
    return copy;
  }

  /** Constant-time comparison of the two secrets' contents. */
  public boolean equalsSecret(SecretBytes other) {
    checkAlive();
    other.checkAlive();
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  /** Overwrites the secret with zeros. Idempotent. */
  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  /** For tests of zeroisation only: true when every internal byte is zero. */
  boolean isWiped() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("secret has been destroyed");
    }
  }

  /** Secrets are compared with {@link #equalsSecret}; identity equality here avoids timing leaks. */
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return destroyed ? "SecretBytes[destroyed]" : "SecretBytes[" + bytes.length + " bytes]";
  }
}
