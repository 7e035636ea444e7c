package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.transfer.IncomingTransfer;
import dev.shade.transfer.Output;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar's sender pins peers by address and by URL: another node answering at a known URL, under
 * the same address or another one, is refused with exit 6 and both safety numbers, even with
 * {@code --trust-new}, until {@code shade peers verify} re-approves it. The receivers are engine
 * nodes in this JVM, each a fresh identity on the same port.
 */
class TrustIT {
  private static final String NUMBER = "((?:[0-9]{5} ){11}[0-9]{5})";
  private static final Pattern PINNED = Pattern.compile("pinned safety number: " + NUMBER);
  private static final Pattern FRESH = Pattern.compile("new safety number: +" + NUMBER);
  private static final Consumer<IncomingTransfer> ACCEPT = in -> in.accept(Output.memory(1024));
  @TempDir
  Path dir;

  @Test
  void anotherNodeAtAKnownUrlIsRefusedUntilPeersVerifyReapprovesIt() {
    Path file = Sha256Files.random(dir.resolve("note.txt"), 100);
    int port;
    try (EngineNode bob = EngineNode.start("bob.1", 0, ACCEPT)) {
      port = bob.port();
      assertEquals(0, send(bob, "--trust-new", file.toString()).exitCode());
    }
    try (EngineNode reinstalled = EngineNode.start("bob.1", port, ACCEPT)) {
      ShadeProcess.Result refused = send(reinstalled, "--trust-new", file.toString());
      assertEquals(6, refused.exitCode(), refused::toString);
      assertNotEquals(number(PINNED, refused), number(FRESH, refused));
      assertTrue(refused.stderr().contains("shade peers verify --home "), refused::toString);

      ShadeProcess.Result verified = ShadeProcess.run(dir, "peers", "--home",
          dir.resolve("alice").toString(), "verify", reinstalled.baseUrl.toString(), "--yes");
      assertEquals(0, verified.exitCode(), verified::toString);
      assertEquals(0, send(reinstalled, file.toString()).exitCode());
    }
    try (EngineNode impostor = EngineNode.start("mallory.1", port, ACCEPT)) {
      ShadeProcess.Result refused = send(impostor, "--trust-new", file.toString());
      assertEquals(6, refused.exitCode(), refused::toString);
      assertTrue(refused.stderr().contains("answered as bob.1 before and now answers as"
          + " mallory.1"), refused::toString);
      assertNotEquals(number(PINNED, refused), number(FRESH, refused));
    }
  }

  private ShadeProcess.Result send(EngineNode to, String... args) {
    return ShadeProcess.send(dir.resolve("alice"), to.baseUrl, args);
  }

  private static String number(Pattern pattern, ShadeProcess.Result result) {
    Matcher m = pattern.matcher(result.stderr());
    assertTrue(m.find(), () -> "no " + pattern + " in\n" + result);
    return m.group(1);
  }
}
