package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free paths the engine uses per chunk: sealing into a reused array and opening a
 * body in place, inside a buffer longer than the body. They must produce and accept exactly what
 * the allocating paths do, and reject exactly the same.
 */
class ReusedBuffersTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private StreamKey streamKey;
  private ChunkOpener opener;

  @BeforeEach
  void keys() {
    streamKey = KeySchedule.deriveStreamKey(KeySchedule.newStreamSecret(RANDOM),
        StreamId.random(RANDOM));
    opener = ChunkOpener.create(streamKey, 2, 1 << 16);
  }

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  @Test
  void sealingIntoAReusedArrayEqualsSealingIntoAFreshOne() {
    ChunkSealer fresh = ChunkSealer.create(streamKey.laneKey(1), 0);
    ChunkSealer reusing = ChunkSealer.create(streamKey.laneKey(1), 0);
    byte[] reused = random(ChunkSealer.envelopeLengthBytes(1000)); // stale contents
    for (int seq = 0; seq < 3; seq++) {
      byte[] plaintext = random(1000);
      byte[] expected = fresh.seal(plaintext, 0, 1000, false);
      assertSame(reused, reusing.seal(plaintext, 0, 1000, false, reused));
      assertArrayEquals(expected, reused, "seq " + seq);
    }
  }

  @Test
  void sealingIntoAnArrayOfTheWrongSizeIsRefusedWithoutUsingASeq() {
    ChunkSealer sealer = ChunkSealer.create(streamKey.laneKey(0), 5);
    byte[] plaintext = random(100);
    for (int size : new int[] {0, ChunkSealer.envelopeLengthBytes(100) - 1,
        ChunkSealer.envelopeLengthBytes(100) + 1}) {
      assertThrows(IllegalArgumentException.class,
          () -> sealer.seal(plaintext, 0, 100, false, new byte[size]));
    }
    assertEquals(5, sealer.nextSeq());
  }

  @Test
  void openingInPlaceInsideALongerBufferYieldsThePlaintext() {
    byte[] plaintext = random(777);
    byte[] envelope = ChunkSealer.create(streamKey.laneKey(1), 3).seal(plaintext, true);
    ChunkHeader header = opener.parseHeader(envelope, 0);
    byte[] buffer = random(2000); // a pooled buffer with stale bytes after the body
    System.arraycopy(envelope, ChunkHeader.SIZE_BYTES, buffer, 0, header.ctLenBytes());

    int n = opener.openInPlace(header, Arrays.copyOf(envelope, ChunkHeader.SIZE_BYTES), buffer,
        header.ctLenBytes());

    assertEquals(777, n);
    assertArrayEquals(plaintext, Arrays.copyOf(buffer, n));
  }

  @Test
  void openingInPlaceRejectsEveryBitFlipAndWipesTheBody() {
    byte[] plaintext = random(64);
    byte[] envelope = ChunkSealer.create(streamKey.laneKey(0), 0).seal(plaintext, false);
    ChunkHeader header = opener.parseHeader(envelope, 0);
    byte[] headerBytes = Arrays.copyOf(envelope, ChunkHeader.SIZE_BYTES);
    for (int bit = 0; bit < header.ctLenBytes() * 8; bit++) {
      byte[] body = Arrays.copyOfRange(envelope, ChunkHeader.SIZE_BYTES, envelope.length + 10);
      body[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(TransferIntegrityError.class,
          () -> opener.openInPlace(header, headerBytes, body, header.ctLenBytes()), "bit " + bit);
      assertArrayEquals(new byte[64], Arrays.copyOf(body, 64), "no plaintext left, bit " + bit);
    }
  }

  @Test
  void openingInPlaceRefusesALengthOtherThanCtLen() {
    byte[] envelope = ChunkSealer.create(streamKey.laneKey(0), 0).seal(random(50), false);
    ChunkHeader header = opener.parseHeader(envelope, 0);
    byte[] headerBytes = Arrays.copyOf(envelope, ChunkHeader.SIZE_BYTES);
    byte[] body = Arrays.copyOfRange(envelope, ChunkHeader.SIZE_BYTES, envelope.length + 1);
    int ctLen = header.ctLenBytes();
    for (int length : new int[] {ctLen - 1, ctLen + 1}) {
      assertThrows(ShadeFormatException.class,
          () -> opener.openInPlace(header, headerBytes, body, length));
    }
    assertThrows(ShadeFormatException.class, () -> opener.openInPlace(header, headerBytes,
        Arrays.copyOf(body, ctLen - 1), ctLen), "an array shorter than the body");
  }
}
