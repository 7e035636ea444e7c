package dev.shade.bench.harness;

import dev.shade.streams.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The run's scratch folder: random source files (made once, kept for the run), fresh names for
 * outputs, child logs, and the memory warm-up before each timed run. Deleted on close, unless
 * kept for a look at the logs.
 */
final class Workspace implements AutoCloseable {
  private static final int MIB = 1 << 20;

  private final Path dir;
  private final long scratchBytes;
  private final boolean deleteOnClose;
  private final Map<Long, Source> sources = new HashMap<>();

  /** A file of random bytes and its SHA-256 (lowercase hex). */
  record Source(Path path, long bytes, String sha256) {}

  Workspace(Path dir, long scratchBytes, boolean deleteOnClose) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.scratchBytes = scratchBytes;
    this.deleteOnClose = deleteOnClose;
    Files.createDirectories(logs());
  }

  Path dir() {
    return dir;
  }

  Path logs() {
    return dir.resolve("logs");
  }

  /** {@code name} in the workspace, deleted (with its contents) if it was there. */
  Path fresh(String name) throws IOException {
    Path path = dir.resolve(name);
    deleteTree(path);
    return path;
  }

  /** A random file of {@code bytes}, made on first use. */
  Source source(long bytes) throws IOException {
    Source source = sources.get(bytes);
    if (source == null) {
      source = writeRandom(dir.resolve("source-" + bytes + ".bin"), bytes, bytes);
      sources.put(bytes, source);
    }
    return source;
  }

  /** A folder of {@code count} random files of {@code bytes} each, made on first use. */
  Path smallFiles(int count, int bytes) throws IOException {
    Path folder = dir.resolve("small-" + count + "x" + bytes);
    if (!Files.isDirectory(folder)) {
      Files.createDirectories(folder);
      for (int i = 0; i < count; i++) {
        writeRandom(folder.resolve(String.format("f%05d.bin", i)), bytes, i);
      }
    }
    return folder;
  }

  /**
   * Writes and deletes a scratch file as large as the run's warm-up: this VM hands idle memory
   * back to its host, and reclaiming it in the middle of a timed run costs seconds.
   */
  void warmMemory() throws IOException {
    Path scratch = dir.resolve("scratch.bin");
    ByteBuffer zeros = ByteBuffer.allocateDirect(MIB);
    try (FileChannel out = FileChannel.open(scratch, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long left = scratchBytes; left > 0; left -= MIB) {
        zeros.clear().limit((int) Math.min(MIB, left));
        while (zeros.hasRemaining()) {
          out.write(zeros);
        }
      }
    } finally {
      Files.deleteIfExists(scratch);
    }
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    ByteBuffer buffer = ByteBuffer.allocate(MIB);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buffer.clear()) > 0) {
        digest.update(buffer.flip());
      }
    }
    return Sha256.hex(digest.digest());
  }

  /** Writes {@code bytes} pseudo-random bytes (incompressible, not sparse) drawn from {@code seed}. */
  static Source writeRandom(Path file, long bytes, long seed) throws IOException {
    byte[] block = new byte[MIB];
    SplittableRandom random = new SplittableRandom(seed);
    MessageDigest digest = Sha256.newDigest();
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      for (long left = bytes; left > 0; ) {
        int n = (int) Math.min(block.length, left);
        random.nextBytes(block);
        digest.update(block, 0, n);
        ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        left -= n;
      }
    }
    return new Source(file, bytes, Sha256.hex(digest.digest()));
  }

  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  @Override
  public void close() throws IOException {
    if (deleteOnClose) {
      deleteTree(dir);
    }
  }
}
