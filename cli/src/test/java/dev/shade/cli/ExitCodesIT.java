package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.Shade;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transport.http.ControlServer;
import dev.shade.transport.http.TransferServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
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
  void badCommandLinesExitTwoWithoutTouchingAnything() {
    Path file = Sha256Files.random(dir.resolve("f.bin"), 10);
    List<List<String>> usageErrors = List.of(
        List.of(),
        List.of("bogus"),
        List.of("send", file.toString()),
        List.of("send", "--to", "ftp://127.0.0.1:1", file.toString()),
        List.of("send", "--to", "http://127.0.0.1:1", "--lanes", "0", file.toString()),
        List.of("send", "--to", "http://127.0.0.1:1", "--chunk-size", "12", file.toString()),
        List.of("send", "--to", "http://127.0.0.1:1", dir.resolve("missing").toString()),
        List.of("serve", "--inbox", dir.toString()),
        List.of("resume", "not-a-stream-id", file.toString()),
        List.of("demo", "--size", "-1"));
    for (List<String> args : usageErrors) {
      ShadeProcess.Result r = ShadeProcess.run(dir, Map.of(Home.ENV, dir.resolve("h").toString()),
          args.toArray(new String[0]));
      assertEquals(2, r.exitCode(), () -> args + " -> " + r);
      assertTrue(!r.stderr().isBlank(), () -> args + " printed no reason");
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
  void whatThisBuildLacksExitsSixtyNine() {
    Path file = Sha256Files.random(dir.resolve("f.bin"), 10);
    ShadeProcess.Result resume = ShadeProcess.run(dir, "resume", "--json",
        "AAAAAAAAAAAAAAAAAAAAAA", file.toString());
    assertEquals(69, resume.exitCode(), resume::toString);
    assertEquals("unavailable", new JsonObject(resume.stdout()).getString("code"));
    ShadeProcess.Result ws = ShadeProcess.run(dir, "send", "--to", "http://127.0.0.1:1",
        "--transport", "ws", file.toString());
    assertEquals(69, ws.exitCode(), ws::toString);
  }

  @Test
  void aNodeAcceptingOnlyVerifiedSendersDeclinesAnUnverifiedOne() {
    Path file = Sha256Files.random(dir.resolve("f.bin"), 10);
    try (ServingNode bob = ServingNode.start(dir.resolve("bob"), "bob", 0, "--accept",
        "verified")) {
      ShadeProcess.Result r = bob.sendFrom(dir.resolve("alice"), "--trust-new", file.toString());
      assertEquals(3, r.exitCode(), r::toString);
      assertTrue(r.stderr().contains("is not verified by this node"), r::toString);
      bob.awaitOutput(Pattern.compile("declined f\\.bin"));
    }
  }

  @Test
  void ctrlCStopsASendAndPrintsTheResumeCommand() throws Exception {
    Path file = Sha256Files.random(dir.resolve("f.bin"), 1000);
    Vertx vertx = Vertx.vertx();
    try (Shade undecided = Shade.builder().protocolStore(ProtocolStateStore.inMemory())
        .address(PeerAddress.parse("slow.1")).warmUpCrypto(false).build()) {
      undecided.onIncomingTransfer(incoming -> { }); // never decides: the sender keeps polling
      ControlServer server = LocalNode.await(TransferServer.start(vertx, undecided, "127.0.0.1",
          0));
      try (ShadeProcess send = ShadeProcess.start(dir, Map.of(), "send", "--home",
          dir.resolve("a").toString(), "--to", server.baseUri().toString(), "--trust-new",
          "--json", file.toString())) {
        String streamId = send.awaitStdout(Pattern.compile("\"event\":\"started\",\"streamId\":"
            + "\"([^\"]+)\""), Duration.ofSeconds(60));
        ShadeProcess.Result r = send.interrupt();
        assertEquals(130, r.exitCode(), r::toString);
        List<String> lines = r.stdoutLines();
        JsonObject last = new JsonObject(lines.get(lines.size() - 1));
        assertEquals("interrupted", last.getString("code"));
        assertTrue(last.getString("message").contains("shade resume --home "
            + dir.resolve("a") + " " + streamId + " " + file), last::encode);
      } finally {
        LocalNode.await(server.close());
      }
    } finally {
      LocalNode.await(vertx.close());
    }
  }
}
