package dev.shade.transfer.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.ControlCipherType;
import dev.shade.streams.ControlEnvelopeReader;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.ShadeException;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.StateSection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlPlaneTest {
  private static final PeerAddress ALICE = PeerAddress.parse("alice.1");
  private static final PeerAddress BOB = PeerAddress.parse("bob.1");

  private final LoopbackControlTransport network = new LoopbackControlTransport();
  private final List<ControlPlane> planes = new ArrayList<>();
  private ControlPlane alice;
  private ControlPlane bob;

  @BeforeEach
  void startNodes() {
    alice = node(ALICE, KeyRotationPolicy.DEFAULT, TrustPolicy.TRUST_ON_FIRST_USE);
    bob = node(BOB, KeyRotationPolicy.DEFAULT, TrustPolicy.TRUST_ON_FIRST_USE);
  }

  @AfterEach
  void closeNodes() {
    planes.forEach(ControlPlane::close);
  }

  private ControlPlane node(PeerAddress address, KeyRotationPolicy rotation, TrustPolicy policy) {
    ControlHandler echo = (sender, plaintext) -> Optional.of(
        (sender + ":" + new String(plaintext, StandardCharsets.UTF_8)).getBytes(
            StandardCharsets.UTF_8));
    ControlPlane plane = ControlPlane.builder(ProtocolStateStore.inMemory(), address)
        .transport(network).handler(echo).rotation(rotation).trustPolicy(policy).open();
    network.attach(plane);
    planes.add(plane);
    return plane;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(Optional<byte[]> bytes) {
    return new String(bytes.orElseThrow(), StandardCharsets.UTF_8);
  }

  @Test
  void requestsGetDecryptedRepliesInBothDirections() {
    for (int i = 0; i < 50; i++) {
      assertEquals("alice.1:ping " + i, text(alice.channel().request(BOB, utf8("ping " + i))));
      assertEquals("bob.1:pong " + i, text(bob.channel().request(ALICE, utf8("pong " + i))));
    }
  }

  @Test
  void firstMessageIsPreKeyAndLaterOnesAreWhisper() {
    byte[] first = alice.channel().seal(BOB, utf8("hello"));
    assertEquals(ControlCipherType.PREKEY, ControlEnvelopeReader.read(first).cipherType());
    bob.channel().open(first);
    byte[] reply = bob.channel().seal(ALICE, utf8("hi"));
    assertEquals(ControlCipherType.WHISPER, ControlEnvelopeReader.read(reply).cipherType());
    alice.channel().open(reply);
    byte[] second = alice.channel().seal(BOB, utf8("again"));
    assertEquals(ControlCipherType.WHISPER, ControlEnvelopeReader.read(second).cipherType());
    assertArrayEquals(utf8("again"), bob.channel().open(second).plaintext());
  }

  @Test
  void outOfOrderMessagesEachDecryptOnce() {
    alice.channel().request(BOB, utf8("start"));
    List<byte[]> envelopes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      envelopes.add(alice.channel().seal(BOB, utf8("m" + i)));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(42));
    for (int i : order) {
      OpenedMessage opened = bob.channel().open(envelopes.get(i));
      assertEquals(ALICE, opened.sender());
      assertArrayEquals(utf8("m" + i), opened.plaintext());
    }
  }

  @Test
  void replayedEnvelopeIsRefusedAndChangesNothing() {
    alice.channel().request(BOB, utf8("start"));
    byte[] envelope = alice.channel().seal(BOB, utf8("once"));
    bob.channel().open(envelope);
    for (int i = 0; i < 3; i++) {
      assertCode(ErrorCode.DECRYPT_FAILED, () -> bob.channel().open(envelope));
    }
    assertEquals("alice.1:after", text(alice.channel().request(BOB, utf8("after"))));
  }

  @Test
  void replayedFirstMessageIsRefused() {
    byte[] first = alice.channel().seal(BOB, utf8("hello"));
    bob.channel().open(first);
    assertCode(ErrorCode.DECRYPT_FAILED, () -> bob.channel().open(first));
  }

  @Test
  void everyFlippedByteIsRefusedAndChangesNothing() {
    alice.channel().request(BOB, utf8("start"));
    byte[] envelope = alice.channel().seal(BOB, utf8("flip me"));
    for (int i = 0; i < envelope.length; i++) {
      byte[] tampered = envelope.clone();
      tampered[i] ^= 0x01;
      assertThrows(ShadeException.class, () -> bob.channel().open(tampered), "byte " + i);
    }
    assertArrayEquals(utf8("flip me"), bob.channel().open(envelope).plaintext());
  }

  @Test
  void differentIdentityUnderAKnownAddressIsRefusedUntilApproved() {
    alice.channel().request(BOB, utf8("start"));
    network.detach(ALICE);
    planes.remove(alice);
    alice.close();
    ControlPlane impostor = node(ALICE, KeyRotationPolicy.DEFAULT, TrustPolicy.TRUST_ON_FIRST_USE);
    for (int i = 0; i < 3; i++) {
      assertCode(ErrorCode.UNTRUSTED_IDENTITY,
          () -> impostor.channel().request(BOB, utf8("it is me")));
    }
    assertEquals(Optional.of(impostor.keys().identityKey()), bob.trust().refusedIdentity(ALICE));
    bob.trust().approve(ALICE, impostor.keys().identityKey());
    assertEquals("alice.1:re-approved",
        text(impostor.channel().request(BOB, utf8("re-approved"))));
  }

  @Test
  void senderRefusesAPeerWhoseBundleShowsAChangedIdentity() {
    alice.channel().request(BOB, utf8("start"));
    network.detach(BOB);
    planes.remove(bob);
    bob.close();
    ControlPlane newBob = node(BOB, KeyRotationPolicy.DEFAULT, TrustPolicy.TRUST_ON_FIRST_USE);
    // New bob lost the session: alice gets no_session, then refuses the changed key of the bundle.
    assertCode(ErrorCode.UNTRUSTED_IDENTITY, () -> alice.channel().request(BOB, utf8("hi")));
    alice.trust().approve(BOB, newBob.keys().identityKey());
    assertEquals("alice.1:hi again", text(alice.channel().request(BOB, utf8("hi again"))));
  }

  @Test
  void sessionIsRebuiltWhenThePeerLostItButKeptItsIdentity() {
    ProtocolStateStore bobStore = ProtocolStateStore.inMemory();
    ControlPlane bob2 = ControlPlane.builder(bobStore, PeerAddress.parse("bob.2"))
        .transport(network).handler((s, p) -> Optional.of(p)).open();
    network.attach(bob2);
    PeerAddress bob2Address = bob2.keys().address();
    alice.channel().request(bob2Address, utf8("start"));
    alice.channel().request(bob2Address, utf8("whisper"));
    // bob.2 loses its sessions but keeps its identity.
    ProtocolStateStore fresh = ProtocolStateStore.inMemory();
    bobStore.entries(StateSection.LOCAL_IDENTITY).forEach(
        (key, value) -> fresh.put(StateSection.LOCAL_IDENTITY, key, value));
    bob2.close();
    ControlPlane restarted = ControlPlane.builder(fresh, bob2Address).transport(network)
        .handler((s, p) -> Optional.of(p)).open();
    planes.add(restarted);
    network.attach(restarted);
    assertEquals("after loss", text(alice.channel().request(bob2Address, utf8("after loss"))));
  }

  @Test
  void envelopeFromAnUnknownSenderWithoutPreKeyHasNoSession() {
    alice.channel().request(BOB, utf8("start"));
    byte[] envelope = alice.channel().seal(BOB, utf8("x"));
    ControlPlane carol = node(PeerAddress.parse("carol.1"), KeyRotationPolicy.DEFAULT,
        TrustPolicy.TRUST_ON_FIRST_USE);
    assertCode(ErrorCode.NO_SESSION, () -> carol.channel().open(envelope));
  }

  @Test
  void sessionsStartWhenOneTimePreKeysAreUsedUp() {
    ControlPlane dave = node(PeerAddress.parse("dave.1"), new KeyRotationPolicy(
        java.time.Duration.ofDays(7), java.time.Duration.ofDays(14), 1, 0),
        TrustPolicy.TRUST_ON_FIRST_USE);
    dave.keys().publishBundle();
    assertEquals(0, dave.keys().unservedPreKeyCount());
    assertNull(dave.keys().publishBundle().preKey());
    assertEquals("alice.1:no one-time key",
        text(alice.channel().request(dave.keys().address(), utf8("no one-time key"))));
    assertEquals("bob.1:nor here",
        text(bob.channel().request(dave.keys().address(), utf8("nor here"))));
  }

  @Test
  void replayedFirstMessageToALastResortKeyIsRefusedEvenAfterTheSessionIsGone() {
    ProtocolStateStore daveStore = ProtocolStateStore.inMemory();
    ControlPlane dave = ControlPlane.builder(daveStore, PeerAddress.parse("dave.2"))
        .rotation(new KeyRotationPolicy(java.time.Duration.ofDays(7),
            java.time.Duration.ofDays(14), 0, 0))
        .transport(network).open();
    network.attach(dave);
    planes.add(dave);
    byte[] first = alice.channel().seal(dave.keys().address(), utf8("first"));
    assertEquals(ControlCipherType.PREKEY, ControlEnvelopeReader.read(first).cipherType());
    assertArrayEquals(utf8("first"), dave.channel().open(first).plaintext());
    daveStore.remove(StateSection.SESSION, "alice.1");
    ShadeException replay = assertThrows(ShadeException.class, () -> dave.channel().open(first));
    assertEquals(ErrorCode.DECRYPT_FAILED, replay.errorCode());
    assertTrue(replay.getCause() instanceof org.signal.libsignal.protocol.ReusedBaseKeyException);
  }

  @Test
  void safetyNumbersAreEqualOnBothSides() {
    alice.channel().request(BOB, utf8("start"));
    SafetyNumber atAlice = alice.trust().safetyNumber(BOB);
    SafetyNumber atBob = bob.trust().safetyNumber(ALICE);
    assertEquals(atAlice, atBob);
    assertEquals(60, atAlice.digits().length());
    assertTrue(atAlice.grouped().matches("([0-9]{5} ){11}[0-9]{5}"));
  }

  @Test
  void trustGateRefusesAnUnverifiedPeerAndAdmitsItAfterVerify() {
    alice.channel().request(BOB, utf8("start"));
    assertCode(ErrorCode.UNTRUSTED_IDENTITY, () -> bob.trust().requireVerified(ALICE));
    assertEquals(Verification.UNVERIFIED, bob.trust().verification(ALICE));
    bob.trust().verify(ALICE);
    bob.trust().requireVerified(ALICE);
    assertEquals(Verification.VERIFIED, bob.trust().verification(ALICE));
  }

  @Test
  void requireVerifiedPolicyRefusesUnverifiedPeersUntilVerified() {
    ControlPlane strict = node(PeerAddress.parse("erin.1"), KeyRotationPolicy.DEFAULT,
        TrustPolicy.REQUIRE_VERIFIED);
    PeerAddress erin = strict.keys().address();
    assertCode(ErrorCode.UNTRUSTED_IDENTITY, () -> alice.channel().request(erin, utf8("hi")));
    strict.trust().verify(ALICE, alice.keys().identityKey());
    assertEquals(alice.trust().safetyNumber(erin, strict.keys().identityKey()),
        strict.trust().safetyNumber(ALICE));
    assertEquals("alice.1:hi", text(alice.channel().request(erin, utf8("hi"))));
  }

  @Test
  void storedAddressNamesTheIdentityAStoreHolds() {
    ProtocolStateStore store = ProtocolStateStore.inMemory();
    assertEquals(Optional.empty(), ControlPlane.storedAddress(store));
    ControlPlane.builder(store, PeerAddress.parse("carol.3")).open();
    assertEquals(Optional.of(PeerAddress.parse("carol.3")), ControlPlane.storedAddress(store));
  }

  @Test
  void pinnedPeersListsEveryPinnedAddressInOrder() {
    ControlPlane zed = node(PeerAddress.parse("zed.1"), KeyRotationPolicy.DEFAULT,
        TrustPolicy.TRUST_ON_FIRST_USE);
    assertEquals(List.of(), alice.trust().pinnedPeers());
    alice.channel().request(zed.keys().address(), utf8("hi"));
    alice.channel().request(BOB, utf8("hi"));
    assertEquals(List.of(BOB, zed.keys().address()), alice.trust().pinnedPeers());
    assertEquals(List.of(ALICE), bob.trust().pinnedPeers());
  }

  private static void assertCode(ErrorCode code, Runnable action) {
    ShadeException e = assertThrows(ShadeException.class, action::run);
    assertEquals(code, e.errorCode(), e.getMessage());
  }
}
