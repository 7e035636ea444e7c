package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers are pinned by address and by URL: another node answering at a known URL, under the same
 * address or another one, is refused with exit 6 and both safety numbers, even with {@code
 * --trust-new}, until {@code shade peers verify} re-approves it.
 */
class TrustIT {
  private static final String NUMBER = "((?:[0-9]{5} ){11}[0-9]{5})";
  private static final Pattern PINNED = Pattern.compile("pinned safety number: " + NUMBER);
  private static final Pattern FRESH = Pattern.compile("new safety number: +" + NUMBER);
  @TempDir
  Path dir;

  @Test
  void anotherNodeAtAKnownUrlIsRefusedUntilPeersVerifyReapprovesIt() {
    Path file = Sha256Files.random(dir.resolve("note.txt"), 100);
    int port;
    try (ServingNode bob = ServingNode.start(dir.resolve("bob"), "bob", 0)) {
      port = bob.port();
      assertEquals(0, send(bob, "--trust-new", file.toString()).exitCode());
    }
    try (ServingNode reinstalled = ServingNode.start(dir.resolve("bob-again"), "bob", port)) {
      ShadeProcess.Result refused = send(reinstalled, "--trust-new", file.toString());
      assertEquals(6, refused.exitCode(), refused::toString);
      assertNotEquals(number(PINNED, refused), number(FRESH, refused));
      assertTrue(refused.stderr().contains("shade peers verify --home "), refused::toString);

      ShadeProcess.Result verified = ShadeProcess.run(dir, "peers", "--home",
          dir.resolve("alice").toString(), "verify", reinstalled.baseUrl.toString(), "--yes");
      assertEquals(0, verified.exitCode(), verified::toString);
      assertEquals(0, send(reinstalled, file.toString()).exitCode());
    }
    try (ServingNode impostor = ServingNode.start(dir.resolve("mallory"), "mallory", port)) {
      ShadeProcess.Result refused = send(impostor, "--trust-new", file.toString());
      assertEquals(6, refused.exitCode(), refused::toString);
      assertTrue(refused.stderr().contains("answered as bob.1 before and now answers as"
          + " mallory.1"), refused::toString);
      assertNotEquals(number(PINNED, refused), number(FRESH, refused));
    }
  }

  private ShadeProcess.Result send(ServingNode to, String... args) {
    return to.sendFrom(dir.resolve("alice"), args);
  }

  private static String number(Pattern pattern, ShadeProcess.Result result) {
    Matcher m = pattern.matcher(result.stderr());
    assertTrue(m.find(), () -> "no " + pattern + " in\n" + result);
    return m.group(1);
  }
}
