package dev.shade.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(180);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void twoGibibytesCrossBetweenTwoJvmsWithNinetySixMebibytesOfHeapEach() throws Exception {
    Path source = dir.resolve("source.bin");
    Path target = dir.resolve("received.bin");
    try {
      String sha = Workspace.writeRandom(source, SIZE_BYTES, 4).sha256();
      try (Child receiver = node("receiver", List.of("receive", "--port", "0", "--address",
          "bob.1", "--out", target.toString(), "--count", "1"))) {
        String baseUrl = receiver.await("listening", START_TIMEOUT).getString("baseUrl");
        try (Child sender = node("sender", List.of("send", "--to", baseUrl, "--address-of-peer",
            "bob.1", "--lanes", "4", "--chunk-size", String.valueOf(MIB), source.toString()))) {
          JsonObject sent = sender.await("result", TRANSFER_TIMEOUT);
          JsonObject received = receiver.await("received", EXIT_TIMEOUT);
          assertEquals(0, sender.awaitExit(EXIT_TIMEOUT), sender::describe);
          assertEquals(0, receiver.awaitExit(EXIT_TIMEOUT), receiver::describe);
          report(sent, received);
          assertEquals(sha, sent.getString("sha256"));
          assertEquals(SIZE_BYTES, sent.getLong("bytes"));
          assertEquals(sha, received.getString("sha256"));
          assertEquals(sha, Workspace.sha256(target));
        }
      }
    } finally {
      Files.deleteIfExists(source);
      Files.deleteIfExists(target);
    }
  }

  /** A TransferProcess on this JVM's java and the test class path. */
  private Child node(String name, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        RunContext.TRANSFER_PROCESS));
    command.addAll(args);
    return Child.start(name, command, dir, Map.of(), false);
  }

  private static void report(JsonObject sent, JsonObject received) {
    System.out.printf("2 GiB at -Xmx96m: sender %d ms, %.1f MB/s, %.1f CPU s, peak RSS %d MiB;"
            + " receiver %.1f CPU s, peak RSS %d MiB%n", sent.getLong("durationMs"),
        sent.getDouble("mbPerSec"), sent.getDouble("cpuSeconds"),
        sent.getLong("peakRssBytes") / MIB, received.getDouble("cpuSeconds"),
        received.getLong("peakRssBytes") / MIB);
  }
}
