package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ChunkEnvelopePropertiesTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final StreamKey KEY = KeySchedule.deriveStreamKey(
      KeySchedule.newStreamSecret(RANDOM), StreamId.random(RANDOM));

  /** Plaintexts of 0..64 KiB: a size and a seed, so QuickTheories can shrink both. */
  static Gen<byte[]> plaintexts() {
    return integers().between(0, 64 * 1024).zip(longs().all(), (size, seed) -> {
      byte[] bytes = new byte[size];
      new Random(seed).nextBytes(bytes);
      return bytes;
    });
  }

  @Test
  void anyLaneSeqFlagAndPlaintextRoundTrips() {
    try (ChunkOpener opener = ChunkOpener.create(KEY, 64, (64 << 10) + 16)) {
      qt().withExamples(300)
          .forAll(integers().between(0, 63), longs().between(0, ChunkHeader.MAX_SEQ), booleans().all(),
              plaintexts())
          .checkAssert((lane, seq, isLast, plaintext) -> {
            byte[] envelope = ChunkSealer.create(KEY.laneKey(lane), seq).seal(plaintext, isLast);
            assertEquals(36 + plaintext.length + 16, envelope.length);
            OpenedChunk opened = opener.open(envelope);
            assertArrayEquals(plaintext, opened.plaintext());
            assertEquals(new ChunkHeader(KEY.streamId(), lane, seq, isLast, plaintext.length + 16),
                opened.header());
          });
    }
  }

  @Test
  void anySingleByteChangeIsRejected() {
    try (ChunkOpener opener = ChunkOpener.create(KEY, 64, (64 << 10) + 16)) {
      qt().withExamples(300)
          .forAll(integers().between(0, 63), plaintexts(), integers().all(), integers().between(1, 255))
          .checkAssert((lane, plaintext, where, delta) -> {
            byte[] envelope = ChunkSealer.create(KEY.laneKey(lane), 0).seal(plaintext, true);
            int at = Math.floorMod(where, envelope.length);
            envelope[at] = (byte) (envelope[at] + delta);
            try {
              opener.open(envelope);
              throw new AssertionError("accepted a change at byte " + at);
            } catch (ShadeFormatException | TransferIntegrityError expected) {
              // rejected
            }
          });
    }
  }
}
