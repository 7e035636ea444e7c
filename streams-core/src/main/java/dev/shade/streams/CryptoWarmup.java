package dev.shade.streams;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Brings the JDK's AES-GCM and SHA-256 to their compiled, intrinsic speed before the first chunk.
 *
 * <p>Why: on JDK 17 the GCM hot path ({@code CounterMode.crypt}, {@code GHASH.update}) runs once per
 * 64 KiB slice and needs thousands of calls before C2 compiles it with the AES-CTR and GHASH
 * intrinsics. With 1 MiB chunks that is several hundred MiB at ~45 MB/s instead of ~2 GB/s: most of
 * a 1 GiB transfer. Thousands of small block-aligned {@code update} calls reach the same methods in
 * about half a second. Measured with {@code bench}'s {@code ChunkCryptoBenchmark}; see the project
 * notes.
 *
 * <p>Runs at most once per JVM, on the calling thread, with a throwaway all-zero key. Safe to call
 * from several threads: later callers wait for the first.
 */
public final class CryptoWarmup {
  private static final int PIECE_BYTES = 1024;
  private static final int UPDATE_CALLS = 20_000;
  private static final int MESSAGE_ROUNDS = 2_500;
  private static boolean done;

  private CryptoWarmup() {}

  /** Warms GCM and SHA-256 unless already done; returns the milliseconds this call spent. */
  public static synchronized long run() {
    if (done) {
      return 0;
    }
    long start = System.nanoTime();
    try {
      warmGcm();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM warm-up failed", e);
    }
    warmSha256();
    done = true;
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void warmGcm() throws GeneralSecurityException {
    SecretKeySpec key = new SecretKeySpec(new byte[KeySchedule.KEY_SIZE_BYTES], "AES");
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    byte[] aad = new byte[ChunkHeader.SIZE_BYTES];
    byte[] in = new byte[PIECE_BYTES];
    byte[] out = new byte[PIECE_BYTES + ChunkHeader.TAG_SIZE_BYTES];
    cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce(-1)));
    cipher.updateAAD(aad);
    for (int i = 0; i < UPDATE_CALLS; i++) {
      cipher.update(in, 0, PIECE_BYTES, out, 0);
    }
    cipher.doFinal(out, 0);
    for (int i = 0; i < MESSAGE_ROUNDS; i++) {
      GCMParameterSpec spec = new GCMParameterSpec(128, nonce(i));
      cipher.init(Cipher.ENCRYPT_MODE, key, spec);
      cipher.updateAAD(aad);
      int n = cipher.doFinal(in, 0, PIECE_BYTES, out, 0);
      cipher.init(Cipher.DECRYPT_MODE, key, spec);
      cipher.updateAAD(aad);
      cipher.doFinal(out, 0, n, in, 0);
    }
  }

  private static void warmSha256() {
    MessageDigest digest = Sha256.newDigest();
    byte[] in = new byte[PIECE_BYTES];
    for (int i = 0; i < UPDATE_CALLS; i++) {
      digest.update(in, 0, PIECE_BYTES);
    }
    digest.digest();
  }

  private static byte[] nonce(int i) {
    byte[] nonce = new byte[ChunkHeader.NONCE_SIZE_BYTES];
    Bytes.putU32(nonce, 0, 0xffffffffL);
    Bytes.putU32(nonce, 8, i);
    return nonce;
  }
}
