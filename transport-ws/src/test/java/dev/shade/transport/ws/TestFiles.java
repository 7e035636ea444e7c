package dev.shade.transport.ws;

import dev.shade.streams.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;

/** Real files for transfer tests: seeded random content and its SHA-256. */
final class TestFiles {
  static final int MIB = 1 << 20;

  private TestFiles() {}

  /** Writes {@code size} pseudo-random bytes and returns their SHA-256 (hex). */
  static String randomFile(Path file, long size, long seed) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    SplittableRandom random = new SplittableRandom(seed);
    byte[] block = new byte[MIB];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(block.length, left);
        random.nextBytes(block);
        out.write(block, 0, n);
        digest.update(block, 0, n);
        left -= n;
      }
    }
    return Sha256.hex(digest.digest());
  }

  static String sha256Of(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[MIB];
    try (InputStream in = Files.newInputStream(file)) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return Sha256.hex(digest.digest());
  }
}
