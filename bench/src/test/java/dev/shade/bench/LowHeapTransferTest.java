package dev.shade.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.Sha256;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, memory: a 2 GiB file goes from a sending JVM to a receiving JVM, each limited to a
 * 96 MiB heap, over HTTP on loopback, and arrives intact. The children's peak RSS is printed (and
 * kept in the test's output file), not asserted: it depends on the JVM and the machine.
 */
class LowHeapTransferTest {
  private static final int MIB = 1 << 20;
  private static final long SIZE_BYTES = 2048L * MIB;
  private static final List<String> JVM_OPTIONS = List.of("-Xmx96m",
      "-XX:+ExitOnOutOfMemoryError");
  private static final long TRANSFER_SECONDS = 180;

  @TempDir Path dir;

  @Test
  void twoGibibytesCrossBetweenTwoJvmsWithNinetySixMebibytesOfHeapEach() throws Exception {
    Path source = dir.resolve("source.bin");
    Path target = dir.resolve("received.bin");
    try {
      String sha = writePatternFile(source, SIZE_BYTES, 4);
      try (ChildJvm receiver = ChildJvm.start("receiver", JVM_OPTIONS, List.of("receive",
              "--port", "0", "--address", "bob.1", "--out", target.toString(), "--count", "1"),
              dir)) {
        String baseUrl = receiver.await("listening", 60).getString("baseUrl");
        try (ChildJvm sender = ChildJvm.start("sender", JVM_OPTIONS, List.of("send", "--to",
            baseUrl, "--address-of-peer", "bob.1", "--lanes", "4", "--chunk-size",
            String.valueOf(MIB), source.toString()), dir)) {
          JsonObject sent = sender.await("result", TRANSFER_SECONDS);
          JsonObject received = receiver.await("received", 30);
          assertEquals(0, sender.exitStatus(30), sender::describe);
          assertEquals(0, receiver.exitStatus(30), receiver::describe);
          report(sent, received);
          assertEquals(sha, sent.getString("sha256"));
          assertEquals(SIZE_BYTES, sent.getLong("bytes"));
          assertEquals(sha, received.getString("sha256"));
          assertEquals(sha, sha256Of(target));
        }
      }
    } finally {
      Files.deleteIfExists(source);
      Files.deleteIfExists(target);
    }
  }

  /**
   * Writes {@code size} bytes, one random MiB repeated (cheap to write, not all zeros, not sparse),
   * and returns their SHA-256.
   */
  static String writePatternFile(Path file, long size, long seed) throws IOException {
    byte[] block = new byte[MIB];
    new SplittableRandom(seed).nextBytes(block);
    MessageDigest digest = Sha256.newDigest();
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      for (long left = size; left > 0; ) {
        int n = (int) Math.min(block.length, left);
        digest.update(block, 0, n);
        ByteBuffer buffer = ByteBuffer.wrap(block, 0, n);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        left -= n;
      }
    }
    return Sha256.hex(digest.digest());
  }

  static String sha256Of(Path file) throws IOException {
    MessageDigest digest = Sha256.newDigest();
    ByteBuffer buffer = ByteBuffer.allocate(MIB);
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      while (in.read(buffer.clear()) > 0) {
        digest.update(buffer.flip());
      }
    }
    return Sha256.hex(digest.digest());
  }

  private static void report(JsonObject sent, JsonObject received) {
    System.out.printf("2 GiB at -Xmx96m: sender %d ms, %.1f MB/s, %.1f CPU s, peak RSS %d MiB;"
            + " receiver %.1f CPU s, peak RSS %d MiB%n", sent.getLong("durationMs"),
        sent.getDouble("mbPerSec"), sent.getDouble("cpuSeconds"),
        sent.getLong("peakRssBytes") / MIB, received.getDouble("cpuSeconds"),
        received.getLong("peakRssBytes") / MIB);
  }
}
