package dev.shade.streams;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM under one lane key, with the nonce built from the header. Package-private: the only
 * callers are {@link ChunkSealer} (which owns seq) and {@link ChunkOpener}. Not thread-safe.
 */
final class LaneCipher {
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private final LaneKey key;
  private final Cipher cipher;

  LaneCipher(LaneKey key) {
    this.key = key;
    try {
      this.cipher = Cipher.getInstance(TRANSFORMATION);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/GCM/NoPadding is not available", e);
    }
  }

  /** Encrypts {@code len} bytes of {@code src} into {@code dst} after the header already there. */
  void seal(ChunkHeader header, byte[] dst, byte[] src, int off, int len) {
    init(Cipher.ENCRYPT_MODE, header, dst, 0);
    try {
      cipher.doFinal(src, off, len, dst, ChunkHeader.SIZE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /**
   * Authenticates and decrypts {@code header.ctLenBytes()} bytes of {@code body} from {@code
   * bodyOffset} into {@code out} from {@code outOffset}, which may be the same place (GCM here is
   * copy-safe). Returns the plaintext length; on a bad tag the output range is wiped and nothing
   * verified escapes.
   */
  int open(ChunkHeader header, byte[] headerBytes, int headerOffset, byte[] body, int bodyOffset,
      byte[] out, int outOffset) {
    init(Cipher.DECRYPT_MODE, header, headerBytes, headerOffset);
    int length = header.plaintextLengthBytes();
    try {
      int n = cipher.doFinal(body, bodyOffset, header.ctLenBytes(), out, outOffset);
      if (n != length) {
        throw new IllegalStateException("GCM returned " + n + " bytes, expected " + length);
      }
      return n;
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    } catch (GeneralSecurityException e) { // AEADBadTagException and its kin
      Arrays.fill(out, outOffset, outOffset + length, (byte) 0);
      throw TransferIntegrityError.authentication(header.laneId(), header.seq());
    }
  }

  private void init(int mode, ChunkHeader header, byte[] aad, int aadOffset) {
    SecretKey aesKey = new LaneSecretKey(key.secret());
    try {
      cipher.init(mode, aesKey, new GCMParameterSpec(ChunkHeader.TAG_SIZE_BYTES * 8, header.nonce()));
    } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("cannot initialise AES-GCM", e);
    }
    cipher.updateAAD(aad, aadOffset, ChunkHeader.SIZE_BYTES);
  }

  /**
   * A JCE view of the lane key that copies the bytes out only when the provider asks, so our copy
   * stays the one that {@code destroy()} wipes.
   */
  private static final class LaneSecretKey implements SecretKey {
    private static final long serialVersionUID = 1L;
    private final transient SecretBytes secret;

    LaneSecretKey(SecretBytes secret) {
      this.secret = secret;
    }

    @Override
    public String getAlgorithm() {
      return "AES";
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      return secret.toByteArray();
    }
  }
}
