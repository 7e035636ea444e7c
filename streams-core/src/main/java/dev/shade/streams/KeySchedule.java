package dev.shade.streams;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * Shade's key schedule (DESIGN.md, "Key schedule"):
 *
 * <pre>
 * streamSecret = 32 random bytes
 * streamId     = 16 random bytes
 * streamKey    = HKDF-SHA256(ikm = streamSecret, salt = streamId, info = "shade-stream/v1\0master", L = 32)
 * laneKey[i]   = HKDF-SHA256(ikm = streamKey,    salt = streamId, info = "shade-stream/v1\0lane\0" || u32(i), L = 32)
 * </pre>
 */
public final class KeySchedule {
  public static final int STREAM_SECRET_SIZE_BYTES = 32;
  public static final int KEY_SIZE_BYTES = 32;
  static final byte[] LABEL = "shade-stream/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MASTER_INFO = concat(LABEL, new byte[] {0}, ascii("master"));
  private static final byte[] LANE_INFO_PREFIX =
      concat(LABEL, new byte[] {0}, ascii("lane"), new byte[] {0});
  private static final byte[] DEVICE_KEY_INFO = concat(LABEL, new byte[] {0}, ascii("device-key"));

  private KeySchedule() {}

  /** A fresh 32-byte stream secret. */
  public static SecretBytes newStreamSecret(SecureRandom random) {
    return SecretBytes.random(STREAM_SECRET_SIZE_BYTES, random);
  }

  /** Derives the stream key from the secret that travelled in {@code stream-init}. */
  public static StreamKey deriveStreamKey(SecretBytes streamSecret, StreamId streamId) {
    if (streamSecret.sizeBytes() != STREAM_SECRET_SIZE_BYTES) {
      throw new IllegalArgumentException("streamSecret must be 32 bytes");
    }
    byte[] ikm = streamSecret.toByteArray();
    try {
      return new StreamKey(streamId, hkdf(ikm, streamId.toByteArray(), MASTER_INFO));
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  /**
   * The device key that seals state at rest: HKDF-SHA256 over the 32 bytes of the identity private
   * key, empty salt, info {@code "shade-stream/v1" 0x00 "device-key"}.
   */
  public static SecretBytes deriveDeviceKey(SecretBytes identityPrivateKey) {
    byte[] ikm = identityPrivateKey.toByteArray();
    try {
      return hkdf(ikm, new byte[0], DEVICE_KEY_INFO);
    } finally {
      Arrays.fill(ikm, (byte) 0);
    }
  }

  static SecretBytes deriveLaneKey(byte[] streamKey, StreamId streamId, int laneId) {
    byte[] info = Arrays.copyOf(LANE_INFO_PREFIX, LANE_INFO_PREFIX.length + 4);
    Bytes.putU32(info, LANE_INFO_PREFIX.length, laneId);
    return hkdf(streamKey, streamId.toByteArray(), info);
  }

  private static SecretBytes hkdf(byte[] ikm, byte[] salt, byte[] info) {
    HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
    generator.init(new HKDFParameters(ikm, salt, info));
    byte[] okm = new byte[KEY_SIZE_BYTES];
    try {
      generator.generateBytes(okm, 0, okm.length);
      return SecretBytes.copyOf(okm);
    } finally {
      Arrays.fill(okm, (byte) 0);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int total = 0;
    for (byte[] p : parts) {
      total += p.length;
    }
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
