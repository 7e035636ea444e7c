package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.transfer.spi.PersistedStreamState.Direction;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C, {@code resume} and {@code prune} through the real jar: alice sends 12 MiB to bob at
 * 3 MiB/s and is interrupted; the stream is listed, refused with a changed and with a truncated
 * copy of the file (nothing sent, bob unchanged), then finished by the command the pause printed;
 * once verified there is nothing left to resume, and bob's finished state prunes.
 */
class ResumeIT {
  private static final int CHUNK_BYTES = 256 << 10;
  private static final int SIZE_BYTES = 12 << 20;
  private static final Path ROOT = Path.of(System.getProperty("shade.repository", ".."))
      .toAbsolutePath().normalize();
  @TempDir
  Path dir;

  @Test
  void ctrlCPausesAndOnlyTheUnchangedFileResumesToTheEnd() throws IOException {
    Path file = Sha256Files.random(dir.resolve("big.bin"), SIZE_BYTES);
    String sha256 = Sha256Files.sha256(file);
    Path alice = dir.resolve("alice");
    Path bobHome = dir.resolve("bob");
    JsonObject paused;
    try (ServingNode bob = ServingNode.start(bobHome, null)) {
      paused = interruptedSend(bob, alice, file);
      String id = paused.getString("streamId");
      assertEquals("shade resume --home " + alice + " " + id + " " + file,
          paused.getString("resume"));

      JsonObject listed = new JsonObject(run("resume", "--home", alice.toString(), "--list",
          "--json").stdout().strip());
      assertEquals(id, listed.getString("streamId"));
      assertEquals(file.toString(), listed.getString("file"));
      assertEquals(bob.address.toString(), listed.getString("to"));
      assertEquals(SIZE_BYTES, listed.getLong("totalBytes"));
      assertTrue(listed.getLong("bytes") > 0 && listed.getLong("bytes") < SIZE_BYTES, listed::encode);

      List<Long> before = StreamStates.lastSeqsAcked(StreamStates.route(bob.baseUrl, id));
      byte[] bytes = Files.readAllBytes(file);
      bytes[1] ^= 1;
      assertRefused(alice, id, Files.write(dir.resolve("changed.bin"), bytes), "input_changed");
      assertRefused(alice, id, Files.write(dir.resolve("short.bin"),
          Arrays.copyOf(bytes, SIZE_BYTES - 1)), "input_changed");
      assertEquals(before, StreamStates.lastSeqsAcked(StreamStates.route(bob.baseUrl, id)));

      ShadeProcess.Result resumed = ShadeProcess.runShell(dir, paused.getString("resume")
          .replaceFirst("^shade ", ROOT.resolve("shade") + " ") + " --json");
      assertEquals(0, resumed.exitCode(), resumed::toString);
      JsonObject started = new JsonObject(resumed.stdoutLines().get(0));
      assertEquals(true, started.getBoolean("resumed"));
      JsonObject result = resumed.lastEvent();
      assertEquals(sha256, result.getString("sha256"), resumed::toString);
      assertTrue(result.getLong("resentBytes") <= 4L * (4 + 1) * CHUNK_BYTES, result::encode);
      assertTrue(result.getLong("sentBytes") - result.getLong("resentBytes")
          <= SIZE_BYTES - started.getLong("bytes"), resumed::toString);
      assertEquals(List.of(bob.inbox.resolve("big.bin")), inbox(bob.inbox));
      assertEquals(sha256, Sha256Files.sha256(bob.inbox.resolve("big.bin")));

      assertRefused(alice, id, file, "no_state");
    }
    assertEquals(1, StreamStates.list(bobHome, Direction.RECEIVE).size());
    ShadeProcess.Result pruned = run("prune", "--home", bobHome.toString(), "--older-than", "0");
    assertEquals(0, pruned.exitCode(), pruned::toString);
    assertTrue(pruned.stdout().startsWith("pruned 1 stream state not updated for 0 days"),
        pruned::toString);
    assertEquals(List.of(), StreamStates.list(bobHome, Direction.RECEIVE));
    assertEquals(List.of(bobHome.resolveSibling("inbox").resolve("big.bin")),
        inbox(bobHome.resolveSibling("inbox")));
  }

  /** Starts alice's send, interrupts it once a quarter arrived; returns its paused event. */
  private JsonObject interruptedSend(ServingNode bob, Path alice, Path file) {
    try (ShadeProcess send = ShadeProcess.start(dir, Map.of(), "send", "--home",
        alice.toString(), "--to", bob.baseUrl.toString(), "--trust-new", "--json",
        "--chunk-size", Integer.toString(CHUNK_BYTES), "--limit-rate",
        Integer.toString(3 << 20), file.toString())) {
      send.awaitEvent(e -> e.getString("event").equals("progress")
          && e.getLong("bytes") >= SIZE_BYTES / 4, Duration.ofSeconds(60)).orElseThrow();
      ShadeProcess.Result r = send.interrupt();
      assertEquals(130, r.exitCode(), r::toString);
      JsonObject paused = r.lastEvent();
      assertEquals("paused", paused.getString("event"), r::toString);
      assertTrue(r.stderr().contains("continue with:\n  " + paused.getString("resume")),
          r::toString);
      return paused;
    }
  }

  private void assertRefused(Path alice, String id, Path file, String reason) {
    ShadeProcess.Result r = run("resume", "--home", alice.toString(), "--json", id,
        file.toString());
    assertEquals(7, r.exitCode(), r::toString);
    JsonObject error = r.lastEvent();
    assertEquals("resume_refused", error.getString("code"), r::toString);
    assertEquals(reason, error.getString("reason"), r::toString);
    assertEquals(0L, error.getLong("sentBytes", 0L), r::toString);
  }

  private ShadeProcess.Result run(String... args) {
    return ShadeProcess.run(dir, args);
  }

  /** Everything in an inbox, partial files included. */
  static List<Path> inbox(Path inbox) throws IOException {
    try (Stream<Path> files = Files.walk(inbox)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
