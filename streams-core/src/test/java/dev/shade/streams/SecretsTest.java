package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Secrets copy in, never hand out their array, compare in constant time and are zeroised. */
class SecretsTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void secretCopiesInAndOut() {
    byte[] raw = {1, 2, 3};
    SecretBytes secret = SecretBytes.copyOf(raw);
    raw[0] = 9;
    byte[] out = secret.toByteArray();
    assertArrayEquals(new byte[] {1, 2, 3}, out);
    out[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, secret.toByteArray());
  }

  @Test
  void destroyedSecretIsZeroedAndRefusesUse() {
    SecretBytes secret = SecretBytes.random(32, RANDOM);
    secret.destroy();
    secret.destroy();
    assertTrue(secret.isDestroyed());
    assertTrue(secret.isWiped());
    assertThrows(IllegalStateException.class, secret::toByteArray);
    assertThrows(IllegalStateException.class, secret::sizeBytes);
  }

  @Test
  void secretsCompareByContentOnlyThroughEqualsSecret() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {4, 5});
    SecretBytes b = SecretBytes.copyOf(new byte[] {4, 5});
    assertTrue(a.equalsSecret(b));
    assertFalse(a.equalsSecret(SecretBytes.copyOf(new byte[] {4, 6})));
    assertNotEquals(a, b);
  }

  @Test
  void toStringNeverShowsTheBytes() {
    SecretBytes secret = SecretBytes.copyOf(new byte[] {0x41, 0x42, 0x43});
    assertEquals("SecretBytes[3 bytes]", secret.toString());
  }

  @Test
  void finishedStreamKeysAreZeroisedAndUnusable() {
    StreamKey key = KeySchedule.deriveStreamKey(KeySchedule.newStreamSecret(RANDOM),
        StreamId.random(RANDOM));
    LaneKey lane = key.laneKey(0);
    ChunkSealer sealer = ChunkSealer.create(lane, 0);
    ChunkOpener opener = ChunkOpener.create(key, 2, 1 << 20);
    byte[] envelope = sealer.seal(new byte[10], false);
    sealer.close();
    opener.close();
    key.destroy();
    assertTrue(lane.secret().isWiped());
    assertThrows(IllegalStateException.class, () -> sealer.seal(new byte[1], false));
    assertThrows(IllegalStateException.class, () -> opener.open(envelope));
    assertThrows(IllegalStateException.class, () -> key.laneKey(1));
  }

  @Test
  void sealerNoncesNeverRepeatAndSeqAdvancesOnlyThroughSealing() {
    StreamKey key = KeySchedule.deriveStreamKey(KeySchedule.newStreamSecret(RANDOM),
        StreamId.random(RANDOM));
    Set<String> nonces = new HashSet<>();
    for (int lane = 0; lane < 4; lane++) {
      ChunkSealer sealer = ChunkSealer.create(key.laneKey(lane), 0);
      for (int i = 0; i < 500; i++) {
        byte[] envelope = sealer.seal(new byte[0], false);
        ChunkHeader header = ChunkHeader.parse(envelope, 1 << 20);
        assertEquals(i, header.seq());
        assertTrue(nonces.add(Sha256.hex(header.nonce())), "nonce repeated");
      }
    }
    assertEquals(2000, nonces.size());
  }

  @Test
  void sealerRefusesToSealAfterTheLastChunk() {
    StreamKey key = KeySchedule.deriveStreamKey(KeySchedule.newStreamSecret(RANDOM),
        StreamId.random(RANDOM));
    ChunkSealer sealer = ChunkSealer.create(key.laneKey(0), 0);
    sealer.seal(new byte[1], true);
    assertThrows(IllegalStateException.class, () -> sealer.seal(new byte[1], false));
  }

  @Test
  void concurrentStreamsNeverShareKeys() {
    Set<String> laneKeys = new HashSet<>();
    for (int stream = 0; stream < 50; stream++) {
      StreamKey key = KeySchedule.deriveStreamKey(KeySchedule.newStreamSecret(RANDOM),
          StreamId.random(RANDOM));
      for (int lane = 0; lane < 4; lane++) {
        assertTrue(laneKeys.add(Sha256.hex(key.laneKey(lane).secret().toByteArray())));
      }
    }
  }

  @Test
  void streamIdRoundTripsThroughBase64UrlAndRejectsNonCanonicalText() {
    StreamId id = StreamId.random(RANDOM);
    String text = id.toBase64Url();
    assertEquals(22, text.length());
    assertEquals(id, StreamId.parse(text));
    assertThrows(ShadeFormatException.class, () -> StreamId.parse(text + "=="));
    assertThrows(ShadeFormatException.class, () -> StreamId.parse(text.substring(1)));
    assertThrows(ShadeFormatException.class, () -> StreamId.parse("+" + text.substring(1)));
    // 22 chars carry 132 bits for 128: the 4 spare bits of "B" are not zero, so it is not canonical
    assertThrows(ShadeFormatException.class, () -> StreamId.parse("AAAAAAAAAAAAAAAAAAAAAB"));
    assertEquals(StreamId.of(new byte[16]), StreamId.parse("AAAAAAAAAAAAAAAAAAAAAA"));
  }
}
