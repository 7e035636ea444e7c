package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.resume.SqliteStores;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit statuses scripts rely on, each from the real jar. */
class ExitCodesIT {
  @TempDir
  Path dir;

  @Test
  void badCommandLinesExitTwo() {
    Path file = Sha256Files.random(dir.resolve("f.bin"), 10);
    for (List<String> args : List.of(List.<String>of(), List.of("send", file.toString()))) {
      ShadeProcess.Result r = ShadeProcess.run(dir, args.toArray(new String[0]));
      assertEquals(2, r.exitCode(), () -> args + " -> " + r);
      assertTrue(r.stderr().contains("Usage: shade"), () -> args + " -> " + r);
    }
  }

  @Test
  void aPortWhereNoNodeListensIsUnreachable() {
    Path file = Sha256Files.random(dir.resolve("f.bin"), 10);
    ShadeProcess.Result r = ShadeProcess.run(dir, "send", "--home", dir.resolve("a").toString(),
        "--to", "http://127.0.0.1:1", "--json", file.toString());
    assertEquals(5, r.exitCode(), r::toString);
    JsonObject error = new JsonObject(r.stdout());
    assertEquals("unreachable", error.getString("code"));
    assertEquals(5, error.getInteger("exitCode"));
  }

  @Test
  void resumingWhatThisHomeNeverSentExitsSevenAndCreatesNoHome() {
    Path file = Sha256Files.random(dir.resolve("f.bin"), 10);
    Path nowhere = dir.resolve("nowhere");
    ShadeProcess.Result resume = ShadeProcess.run(dir, "resume", "--home", nowhere.toString(),
        "--json", "AAAAAAAAAAAAAAAAAAAAAA", file.toString());
    assertEquals(7, resume.exitCode(), resume::toString);
    JsonObject error = new JsonObject(resume.stdout());
    assertEquals("resume_refused", error.getString("code"));
    assertEquals("no_state", error.getString("reason"));
    assertTrue(Files.notExists(nowhere), resume::toString);
  }

  @Test
  void aNodeAcceptingOnlyVerifiedSendersDeclinesAnUnverifiedOne() {
    Path file = Sha256Files.random(dir.resolve("f.bin"), 10);
    try (ServingNode bob = ServingNode.start(dir.resolve("bob"), null, "--accept", "verified")) {
      ShadeProcess.Result r = bob.sendFrom(dir.resolve("alice"), "--trust-new", file.toString());
      assertEquals(3, r.exitCode(), r::toString);
      assertTrue(r.stderr().contains("is not verified by this node"), r::toString);
      bob.awaitOutput(Pattern.compile("declined f\\.bin"));
    }
  }

  @Test
  void ctrlCPausesAnUndecidedSendAndAReceiverThatForgotTheStreamRefusesTheResume() {
    Path file = Sha256Files.random(dir.resolve("f.bin"), 1000);
    Path receiverState = dir.resolve("slow.db");
    String streamId;
    int port;
    try (EngineNode undecided = EngineNode.start(SqliteStores.openProtocolState(receiverState),
        "slow.1", 0, incoming -> { });
        ShadeProcess send = ShadeProcess.start(dir, Map.of(), "send", "--home",
            dir.resolve("a").toString(), "--to", undecided.baseUrl.toString(), "--trust-new",
            "--json", file.toString())) {
      // the receiver never decides: the sender keeps polling until it is interrupted
      streamId = send.awaitStdout(Pattern.compile("\"event\":\"started\",\"streamId\":"
          + "\"([^\"]+)\""), Duration.ofSeconds(60)).group(1);
      ShadeProcess.Result r = send.interrupt();
      assertEquals(130, r.exitCode(), r::toString);
      JsonObject last = r.lastEvent();
      assertEquals("paused", last.getString("event"), r::toString);
      assertEquals("shade resume --home " + dir.resolve("a") + " " + streamId + " " + file,
          last.getString("resume"));
      port = undecided.port();
    }
    // the same node restarted without its streams: it has no resume store
    try (EngineNode forgetful = EngineNode.start(SqliteStores.openProtocolState(receiverState),
        "slow.1", port, incoming -> { })) {
      ShadeProcess.Result r = ShadeProcess.run(dir, "resume", "--home",
          dir.resolve("a").toString(), "--json", streamId, file.toString());
      assertEquals(7, r.exitCode(), r::toString);
      assertEquals("receiver_lost_stream", r.lastEvent().getString("reason"), r::toString);
    }
  }
}
