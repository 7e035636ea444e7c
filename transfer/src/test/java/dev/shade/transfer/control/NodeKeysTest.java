package dev.shade.transfer.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.shade.streams.Base64Url;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.ShadeException;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.StateSection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeKeysTest {
  private static final PeerAddress BOB = PeerAddress.parse("bob.3");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T00:00:00Z"));

  private ControlPlane bob(KeyRotationPolicy policy, LoopbackControlTransport network) {
    ControlPlane plane = ControlPlane.builder(ProtocolStateStore.inMemory(), BOB).clock(clock)
        .rotation(policy).transport(network).handler((s, p) -> Optional.of(p)).open();
    network.attach(plane);
    return plane;
  }

  @Test
  void bundleFollowsTheDesignShapeAndKeyEncodings() throws Exception {
    ControlPlane bob = bob(KeyRotationPolicy.DEFAULT, new LoopbackControlTransport());
    JsonNode json = new ObjectMapper().readTree(bob.keys().publishBundle().toJson());
    assertEquals(List.of("address", "registrationId", "deviceId", "identityKey", "signedPreKey",
        "kyberPreKey", "preKey"), fieldNames(json));
    assertEquals("bob.3", json.get("address").textValue());
    assertEquals(3, json.get("deviceId").intValue());
    assertEquals(bob.keys().registrationId(), json.get("registrationId").intValue());
    assertKey(json.get("identityKey"), 33, 0x05);
    assertKey(json.get("signedPreKey").get("publicKey"), 33, 0x05);
    assertEquals(64, Base64Url.decode(json.get("signedPreKey").get("signature").textValue(),
        "signature").length);
    assertKey(json.get("kyberPreKey").get("publicKey"), 1569, 0x08);
    assertEquals(64, Base64Url.decode(json.get("kyberPreKey").get("signature").textValue(),
        "signature").length);
    assertEquals(List.of("id", "publicKey"), fieldNames(json.get("preKey")));
    assertKey(json.get("preKey").get("publicKey"), 33, 0x05);
    assertArrayEquals(bob.keys().identityKey().serialize(),
        Base64Url.decode(json.get("identityKey").textValue(), "identityKey"));
  }

  @Test
  void eachOneTimePreKeyIsHandedOutOnceEvenConcurrently() throws Exception {
    ControlPlane bob = bob(new KeyRotationPolicy(Duration.ofDays(7), Duration.ofDays(14), 60, 0),
        new LoopbackControlTransport());
    Set<Integer> served = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        results.add(pool.submit(() -> {
          PreKeyBundleJson.OneTimePublicKey preKey = bob.keys().publishBundle().preKey();
          if (preKey != null) {
            assertTrue(served.add(preKey.id()), "served twice: " + preKey.id());
          }
        }));
      }
      for (Future<?> result : results) {
        result.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(60, served.size());
    assertNull(bob.keys().publishBundle().preKey());
  }

  @Test
  void oneTimePreKeysAreReplenishedWhenLow() {
    ControlPlane bob = bob(new KeyRotationPolicy(Duration.ofDays(7), Duration.ofDays(14), 10, 3),
        new LoopbackControlTransport());
    assertEquals(10, bob.keys().unservedPreKeyCount());
    for (int i = 0; i < 40; i++) {
      assertNotNull(bob.keys().publishBundle().preKey());
      assertTrue(bob.keys().unservedPreKeyCount() >= 3);
    }
  }

  @Test
  void signedAndKyberPreKeysRotateWeekly() {
    ControlPlane bob = bob(KeyRotationPolicy.DEFAULT, new LoopbackControlTransport());
    PreKeyBundleJson first = bob.keys().publishBundle();
    clock.advance(Duration.ofDays(6));
    PreKeyBundleJson sixDays = bob.keys().publishBundle();
    assertEquals(first.signedPreKey().id(), sixDays.signedPreKey().id());
    assertEquals(first.kyberPreKey().id(), sixDays.kyberPreKey().id());
    clock.advance(Duration.ofDays(1));
    PreKeyBundleJson week = bob.keys().publishBundle();
    assertNotEquals(first.signedPreKey().id(), week.signedPreKey().id());
    assertNotEquals(first.kyberPreKey().id(), week.kyberPreKey().id());
  }

  @Test
  void lateFirstMessageDecryptsWithinTheOverlapAndNotAfter() {
    LoopbackControlTransport network = new LoopbackControlTransport();
    ControlPlane bob = bob(KeyRotationPolicy.DEFAULT, network);
    ControlPlane early = ControlPlane.builder(ProtocolStateStore.inMemory(),
        PeerAddress.parse("early.1")).clock(clock).transport(network).open();
    ControlPlane late = ControlPlane.builder(ProtocolStateStore.inMemory(),
        PeerAddress.parse("late.1")).clock(clock).transport(network).open();
    byte[] withinOverlap = early.channel().seal(BOB, "sealed before rotation".getBytes(
        StandardCharsets.UTF_8));
    byte[] afterOverlap = late.channel().seal(BOB, "sealed before rotation too".getBytes(
        StandardCharsets.UTF_8));
    clock.advance(Duration.ofDays(7));
    bob.keys().rotateIfDue();
    clock.advance(Duration.ofDays(13));
    bob.keys().rotateIfDue();
    assertEquals("sealed before rotation",
        new String(bob.channel().open(withinOverlap).plaintext(), StandardCharsets.UTF_8));
    clock.advance(Duration.ofDays(1));
    bob.keys().rotateIfDue();
    ShadeException e = assertThrows(ShadeException.class, () -> bob.channel().open(afterOverlap));
    assertEquals(ErrorCode.DECRYPT_FAILED, e.errorCode());
  }

  @Test
  void servedOneTimePreKeysNeverUsedAreDroppedWithTheirSignedPreKey() {
    ProtocolStateStore store = ProtocolStateStore.inMemory();
    ControlPlane bob = ControlPlane.builder(store, BOB).clock(clock).open();
    int before = store.count(StateSection.PRE_KEY);
    for (int i = 0; i < 3; i++) {
      bob.keys().publishBundle();
    }
    clock.advance(Duration.ofDays(20));
    bob.keys().rotateIfDue();
    assertEquals(3, store.count(StateSection.PRE_KEY_SERVED));
    assertEquals(before, store.count(StateSection.PRE_KEY));
    clock.advance(Duration.ofDays(1));
    bob.keys().rotateIfDue();
    assertEquals(0, store.count(StateSection.PRE_KEY_SERVED));
    assertEquals(before - 3, store.count(StateSection.PRE_KEY));
  }

  @Test
  void reopeningTheStoreForAnotherAddressIsRefused() {
    ProtocolStateStore store = ProtocolStateStore.inMemory();
    ControlPlane.builder(store, BOB).open();
    assertThrows(IllegalStateException.class,
        () -> ControlPlane.builder(store, PeerAddress.parse("mallory.1")).open());
  }

  private static void assertKey(JsonNode node, int length, int prefix) {
    byte[] key = Base64Url.decode(node.textValue(), "key");
    assertEquals(length, key.length);
    assertEquals(prefix, key[0] & 0xff);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
