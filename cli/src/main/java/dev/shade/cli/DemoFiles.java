package dev.shade.cli;

import dev.shade.streams.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/** The demo's files: a generated random source, and the SHA-256 of a file as it is on disk. */
final class DemoFiles {
  private static final int BLOCK_BYTES = 1 << 20;

  private DemoFiles() {}

  /**
   * Writes {@code sizeBytes} pseudo-random bytes (a fast generator seeded from {@link
   * SecureRandom}: the demo needs incompressible bytes, not secret ones).
   *
   * @return their SHA-256, lowercase hex
   */
  static String writeRandom(Path file, long sizeBytes) {
    SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
    MessageDigest digest = Sha256.newDigest();
    byte[] block = new byte[BLOCK_BYTES];
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      for (long left = sizeBytes; left > 0; ) {
        int n = (int) Math.min(block.length, left);
        random.nextBytes(block);
        digest.update(block, 0, n);
        ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        left -= n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return Sha256.hex(digest.digest());
  }

  /** The SHA-256 of {@code file}, lowercase hex, read from disk. */
  static String sha256(Path file) {
    MessageDigest digest = Sha256.newDigest();
    ByteBuffer buffer = ByteBuffer.allocate(BLOCK_BYTES);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buffer) >= 0) {
        buffer.flip();
        digest.update(buffer);
        buffer.clear();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return Sha256.hex(digest.digest());
  }
}
