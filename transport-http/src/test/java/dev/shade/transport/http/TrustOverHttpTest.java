package dev.shade.transport.http;

import dev.shade.transfer.spi.PeerDirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shade.streams.ErrorCode;
import dev.shade.transfer.control.ControlException;
import dev.shade.transfer.control.ControlTransport;
import dev.shade.transfer.control.PreKeyBundleJson;
import dev.shade.transfer.control.SafetyNumber;
import dev.shade.transfer.control.TrustPolicy;
import dev.shade.transfer.control.Verification;
import io.vertx.core.Vertx;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.signal.libsignal.protocol.IdentityKey;

class TrustOverHttpTest {
  private final Vertx vertx = Vertx.vertx();
  private final PeerDirectory endpoints = new PeerDirectory();

  @AfterEach
  void stop() {
    TestNode.await(vertx.close());
  }

  @Test
  void safetyNumbersComputedOnBothSidesAreEqual() {
    TestNode alice = TestNode.start(vertx, endpoints, "alice.1", null);
    TestNode bob = TestNode.start(vertx, endpoints, "bob.1", null);
    alice.request(bob.address, "hello");
    SafetyNumber atAlice = alice.plane.trust().safetyNumber(bob.address);
    SafetyNumber atBob = bob.plane.trust().safetyNumber(alice.address);
    assertEquals(atAlice, atBob);
    assertEquals(60, atAlice.digits().length());
  }

  @Test
  void bundleFetchedByUrlNamesWhoAnswersThere() {
    TestNode bob = TestNode.start(vertx, endpoints, "bob.1", null);
    PreKeyBundleJson bundle = HttpControlTransport.fetchBundle(vertx, bob.server.baseUri(),
        Duration.ofSeconds(5));
    assertEquals(bob.address, bundle.address());
    assertEquals(bob.plane.keys().identityKey(), bundle.identity());
  }

  @Test
  void bundleFetchFromAPortWhereNoNodeListensFailsAsUnreachable() {
    assertThrows(UncheckedIOException.class, () -> HttpControlTransport.fetchBundle(vertx,
        URI.create("http://127.0.0.1:1/v1/transfer"), Duration.ofSeconds(5)));
  }

  @Test
  void trustGateRefusesAnUnverifiedPeerAndAdmitsItAfterVerify() {
    TestNode alice = TestNode.start(vertx, endpoints, "alice.1", null);
    TestNode bob = TestNode.start(vertx, endpoints, "bob.1", null);
    alice.request(bob.address, "hello");
    ControlException refused = assertThrows(ControlException.class,
        () -> bob.plane.trust().requireVerified(alice.address));
    assertEquals(ErrorCode.UNTRUSTED_IDENTITY, refused.errorCode());
    bob.plane.trust().verify(alice.address);
    bob.plane.trust().requireVerified(alice.address);
    assertEquals(Verification.VERIFIED, bob.plane.trust().verification(alice.address));
  }

  @Test
  void nodeRequiringVerificationRefusesAnUnverifiedPeerUntilVerified() {
    TestNode alice = TestNode.start(vertx, endpoints, "alice.1", null);
    TestNode strict = TestNode.start(vertx, endpoints, "strict.1", null,
        TrustPolicy.REQUIRE_VERIFIED);
    for (int i = 0; i < 2; i++) {
      ControlException e = assertThrows(ControlException.class,
          () -> alice.request(strict.address, "let me in"));
      assertEquals(ErrorCode.UNTRUSTED_IDENTITY, e.errorCode());
    }
    // strict fetches alice's key over HTTP, both compare the safety number, strict verifies.
    ControlTransport http = HttpControlTransport.create(vertx, endpoints::baseUrl, Duration.ofSeconds(5));
    IdentityKey aliceKey = http.fetchBundle(alice.address).identity();
    assertEquals(alice.plane.trust().safetyNumber(strict.address, strict.plane.keys().identityKey()),
        strict.plane.trust().safetyNumber(alice.address, aliceKey));
    strict.plane.trust().verify(alice.address, aliceKey);
    assertEquals("alice.1:let me in", alice.request(strict.address, "let me in"));
  }
}
