package dev.shade.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.control.ControlPlane;
import dev.shade.transfer.control.LoopbackControlTransport;
import dev.shade.transfer.spi.ProtocolStateStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteControlPlaneRestartTest {
  private static final PeerAddress ALICE = PeerAddress.parse("alice.1");
  private static final PeerAddress BOB = PeerAddress.parse("bob.1");

  @TempDir
  Path dir;

  private final LoopbackControlTransport network = new LoopbackControlTransport();

  private ControlPlane open(Path file, PeerAddress address) {
    ProtocolStateStore store = SqliteStores.openProtocolState(file);
    ControlPlane plane = ControlPlane.builder(store, address).transport(network)
        .handler((sender, plaintext) -> Optional.of(plaintext)).open();
    network.attach(plane);
    return plane;
  }

  private static String request(ControlPlane from, PeerAddress to, String text) {
    return new String(from.channel().request(to, text.getBytes(StandardCharsets.UTF_8))
        .orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void restartedNodeKeepsItsIdentityAndSessionsAndDecryptsTheNextMessage() {
    Path aliceFile = dir.resolve("alice.db");
    Path bobFile = dir.resolve("bob.db");
    ControlPlane alice = open(aliceFile, ALICE);
    ControlPlane bob = open(bobFile, BOB);
    for (int i = 0; i < 20; i++) {
      assertEquals("a" + i, request(alice, BOB, "a" + i));
      assertEquals("b" + i, request(bob, ALICE, "b" + i));
    }
    var bobIdentity = bob.keys().identityKey();
    var safety = alice.trust().safetyNumber(BOB);
    int bundlesBefore = bob.keys().unservedPreKeyCount();
    byte[] inFlight = alice.channel().seal(BOB, "sealed before the restart".getBytes(
        StandardCharsets.UTF_8));
    bob.close();

    ControlPlane bobAgain = open(bobFile, BOB);
    assertEquals(bobIdentity, bobAgain.keys().identityKey());
    assertEquals(bundlesBefore, bobAgain.keys().unservedPreKeyCount());
    assertEquals(safety, bobAgain.trust().safetyNumber(ALICE));
    assertEquals("sealed before the restart",
        new String(bobAgain.channel().open(inFlight).plaintext(), StandardCharsets.UTF_8));
    for (int i = 0; i < 20; i++) {
      assertEquals("after " + i, request(alice, BOB, "after " + i));
      assertEquals("back " + i, request(bobAgain, ALICE, "back " + i));
    }
    alice.close();
    ControlPlane aliceAgain = open(aliceFile, ALICE);
    assertEquals("alice restarted too", request(aliceAgain, BOB, "alice restarted too"));
    aliceAgain.close();
    bobAgain.close();
  }
}
