package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class CryptoWarmupTest {
  @Test
  void warmupRunsOnceAndLeavesSealingCorrect() {
    CryptoWarmup.run();
    assertEquals(0, CryptoWarmup.run());
    SecureRandom random = new SecureRandom();
    StreamKey key = KeySchedule.deriveStreamKey(KeySchedule.newStreamSecret(random),
        StreamId.random(random));
    byte[] plaintext = new byte[200_000];
    random.nextBytes(plaintext);
    byte[] envelope = ChunkSealer.create(key.laneKey(0), 0).seal(plaintext, true);
    assertArrayEquals(plaintext, ChunkOpener.create(key, 1, 1 << 20).open(envelope).plaintext());
  }
}
