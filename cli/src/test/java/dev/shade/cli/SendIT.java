package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.transfer.Output;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init}, {@code serve}, {@code send} and {@code peers} through the real jar, each command
 * in its own JVM: one receiving node (bob, at most 16 MiB per stream) for every test, and for the
 * choice of transport also an engine node in this JVM that serves no WebSocket route.
 */
class SendIT {
  private static final Pattern SAFETY_NUMBER = Pattern.compile("([0-9]{5} ){11}[0-9]{5}");
  @TempDir
  static Path dir;
  private static ServingNode bob;

  @BeforeAll
  static void startBob() {
    bob = ServingNode.start(dir.resolve("bob"), "bob", "--max-bytes", "16777216");
  }

  @AfterAll
  static void stopBob() {
    bob.close();
  }

  @Test
  void filesOfZeroOneAndTenMebibytesArriveWithTheSha256sTheJsonEventsReport() throws Exception {
    List<Path> files = List.of(Sha256Files.random(dir.resolve("empty.bin"), 0),
        Sha256Files.random(dir.resolve("one.bin"), 1),
        Sha256Files.random(dir.resolve("ten.bin"), 10 << 20));
    ShadeProcess.Result sent = send("alice", "--trust-new", "--json", files.get(0).toString(),
        files.get(1).toString(), files.get(2).toString());
    assertEquals(0, sent.exitCode(), sent::toString);
    List<JsonObject> events = sent.stdoutLines().stream().map(JsonObject::new).toList();
    for (Path file : files) {
      List<JsonObject> stream = eventsOf(events, file);
      JsonObject started = stream.get(0);
      JsonObject result = stream.get(stream.size() - 1);
      assertEquals("started", started.getString("event"));
      assertEquals("result", result.getString("event"), sent::toString);
      String sha256 = Sha256Files.sha256(file);
      assertEquals(sha256, result.getString("sha256"));
      assertEquals(Files.size(file), result.getLong("bytes"));
      assertEquals("ws", result.getString("transport"));
      assertTrue(stream.subList(1, stream.size() - 1).stream()
          .allMatch(e -> e.getString("event").equals("progress")), stream::toString);
      assertTrue(stream.size() - 2 <= result.getLong("durationMs") / 250 + 1,
          "more than 4 progress events per second: " + stream);
      Path received = bob.inbox.resolve(file.getFileName());
      assertEquals(sha256, Sha256Files.sha256(received));
    }
    bob.awaitOutput(Pattern.compile("received ten\\.bin: 10485760 bytes .*, verified, sha256 "
        + Sha256Files.sha256(files.get(2))));
  }

  @Test
  void eachExplicitTransportCarriesTheFileAndTheResultNamesIt() {
    for (String transport : List.of("ws", "http")) {
      Path file = Sha256Files.random(dir.resolve("over-" + transport + ".bin"), (2 << 20) + 1);
      String sha256 = Sha256Files.sha256(file);
      JsonObject result = result(send("henry", "--trust-new", "--json", "--transport", transport,
          file.toString()));
      assertEquals(transport, result.getString("transport"));
      assertEquals(sha256, result.getString("sha256"));
      assertEquals(sha256, Sha256Files.sha256(bob.inbox.resolve(file.getFileName())));
    }
  }

  @Test
  void aReceiverWithoutTheWebSocketRouteFailsAnExplicitWsSendAndAutoFallsBackToHttp()
      throws Exception {
    Path inbox = Files.createDirectories(dir.resolve("http-only-inbox"));
    Path file = Sha256Files.random(dir.resolve("fallback.bin"), (2 << 20) + 1);
    String sha256 = Sha256Files.sha256(file);
    Path judy = dir.resolve("judy");
    try (EngineNode httpOnly = EngineNode.start("ivy.1", 0,
        in -> in.accept(Output.inbox(inbox)))) {
      ShadeProcess.Result refused = ShadeProcess.send(judy, httpOnly.baseUrl, "--trust-new",
          "--json", "--transport", "ws", file.toString());
      assertEquals(5, refused.exitCode(), refused::toString);
      JsonObject error = refused.lastEvent();
      assertEquals("unreachable", error.getString("code"));
      assertTrue(error.getString("message").contains("does not take chunks over ws"),
          refused::toString);
      assertTrue(Files.notExists(inbox.resolve(file.getFileName())));

      JsonObject result = result(ShadeProcess.send(judy, httpOnly.baseUrl, "--json",
          file.toString()));
      assertEquals("http", result.getString("transport"));
      assertEquals(sha256, result.getString("sha256"));
      assertEquals(sha256, Sha256Files.sha256(inbox.resolve(file.getFileName())));
    }
  }

  @Test
  void plainOutputSaysWhatWasSentAndAReceivedNameNeverOverwrites() {
    Path file = Sha256Files.random(dir.resolve("twice.txt"), 1000);
    assertEquals(0, send("carol", "--trust-new", file.toString()).exitCode());
    ShadeProcess.Result again = send("carol", file.toString());
    assertEquals(0, again.exitCode(), again::toString);
    assertTrue(again.stdout().matches("sending twice\\.txt \\(1000 B\\) to bob\\.1 over 4 lanes,"
        + " stream \\S+\nsent twice\\.txt: 1000 bytes in .* to bob\\.1, verified, sha256 "
        + Sha256Files.sha256(file) + "\n"), again::toString);
    bob.awaitOutput(Pattern.compile("received twice \\(1\\)\\.txt"));
    assertEquals(Sha256Files.sha256(file), Sha256Files.sha256(bob.inbox.resolve("twice (1).txt")));
  }

  @Test
  void aNewPeerIsRefusedWithItsSafetyNumberWhenThereIsNoTerminalToAsk() {
    Path file = Sha256Files.random(dir.resolve("refused.bin"), 10);
    ShadeProcess.Result refused = send("dave", "--json", file.toString());
    assertEquals(6, refused.exitCode(), refused::toString);
    JsonObject error = new JsonObject(refused.stdout());
    assertEquals("error", error.getString("event"));
    assertEquals("untrusted", error.getString("code"));
    assertEquals(6, error.getInteger("exitCode"));
    assertTrue(SAFETY_NUMBER.matcher(refused.stderr()).find(), refused::toString);
    assertTrue(error.getString("message").contains("--trust-new"), refused::toString);
    assertTrue(Files.notExists(bob.inbox.resolve("refused.bin")));
  }

  @Test
  void aStreamOverTheReceiversCapIsDeclined() {
    Path big = Sha256Files.random(dir.resolve("big.bin"), (16 << 20) + 1);
    ShadeProcess.Result declined = send("erin", "--trust-new", "--json", big.toString());
    assertEquals(3, declined.exitCode(), declined::toString);
    JsonObject last = declined.lastEvent();
    assertEquals("declined", last.getString("code"));
    assertTrue(last.getString("message").contains("exceeds this node's cap"), last::encode);
    assertTrue(Files.notExists(bob.inbox.resolve("big.bin")));
  }

  @Test
  void peersListShowsBobPinnedByAddressAndUrlOnceSent() {
    Path file = Sha256Files.random(dir.resolve("hello.txt"), 5);
    assertEquals(0, send("frank", "--trust-new", file.toString()).exitCode());
    ShadeProcess.Result listed = ShadeProcess.run(dir, "peers", "--home",
        dir.resolve("frank").toString(), "list");
    assertEquals(0, listed.exitCode(), listed::toString);
    assertTrue(listed.stdout().matches("bob\\.1  unverified  "
        + Pattern.quote(bob.baseUrl.toString()) + "\n  safety number " + SAFETY_NUMBER + "\n"),
        listed::toString);
  }

  @Test
  void peersVerifyByUrlPinsBobAsVerifiedInTheHomeOfTheEnvironment() {
    Map<String, String> env = Map.of(Home.ENV, dir.resolve("gina").toString());
    ShadeProcess.Result verified = ShadeProcess.run(dir, env, "peers", "verify",
        bob.baseUrl.toString(), "--yes");
    assertEquals(0, verified.exitCode(), verified::toString);
    assertTrue(verified.stdout().contains("verified bob.1"), verified::toString);
    ShadeProcess.Result listed = ShadeProcess.run(dir, env, "peers", "list");
    assertTrue(listed.stdout().startsWith("bob.1  verified  " + bob.baseUrl), listed::toString);
  }

  private static ShadeProcess.Result send(String sender, String... args) {
    return bob.sendFrom(dir.resolve(sender), args);
  }

  /** The result event of a send of one file that succeeded. */
  private static JsonObject result(ShadeProcess.Result sent) {
    assertEquals(0, sent.exitCode(), sent::toString);
    JsonObject result = sent.lastEvent();
    assertEquals("result", result.getString("event"), sent::toString);
    return result;
  }

  /** The events of the stream that sent {@code file}, in order. */
  private static List<JsonObject> eventsOf(List<JsonObject> events, Path file) {
    String streamId = events.stream().filter(e -> e.getString("event").equals("started")
        && e.getString("file").equals(file.toString())).findFirst().orElseThrow()
        .getString("streamId");
    return events.stream().filter(e -> streamId.equals(e.getString("streamId")))
        .collect(Collectors.toList());
  }
}
