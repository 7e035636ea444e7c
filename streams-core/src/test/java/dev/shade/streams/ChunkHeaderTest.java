package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ChunkHeaderTest {
  private static final StreamId ID = StreamId.random(new SecureRandom());

  private static byte[] header(boolean isLast) {
    return new ChunkHeader(ID, 3, 5, isLast, 116).toByteArray();
  }

  private static String fieldOf(byte[] bytes) {
    return assertThrows(ShadeFormatException.class, () -> ChunkHeader.parse(bytes, 1 << 20)).field();
  }

  @Test
  void headerRoundTrips() {
    ChunkHeader parsed = ChunkHeader.parse(header(true), 1 << 20);
    assertEquals(new ChunkHeader(ID, 3, 5, true, 116), parsed);
    assertEquals(100, parsed.plaintextLengthBytes());
  }

  @Test
  void wrongTypeIsRejected() {
    byte[] h = header(false);
    h[0] = 0x02;
    assertEquals("type", fieldOf(h));
  }

  @Test
  void wrongVersionIsRejected() {
    byte[] h = header(false);
    h[1] = 0x02;
    assertEquals("version", fieldOf(h));
  }

  @Test
  void unknownFlagBitsAreRejected() {
    for (int bit = 1; bit < 8; bit++) {
      byte[] h = header(false);
      h[2] = (byte) (1 << bit);
      assertEquals("flags", fieldOf(h));
    }
  }

  @Test
  void nonZeroReservedIsRejected() {
    byte[] h = header(false);
    h[3] = 1;
    assertEquals("reserved", fieldOf(h));
  }

  @Test
  void ctLenBelowTheTagIsRejected() {
    byte[] h = header(false);
    Bytes.putU32(h, 32, 15);
    assertEquals("ctLen", fieldOf(h));
  }

  @Test
  void hugeDeclaredLengthIsTooLargeBeforeAnyBody() {
    byte[] h = header(false);
    Bytes.putU32(h, 32, 0xffffffffL);
    ChunkTooLargeException e =
        assertThrows(ChunkTooLargeException.class, () -> ChunkHeader.parse(h, (16 << 20) + 16));
    assertEquals(0xffffffffL, e.declaredBytes());
  }

  @Test
  void aLengthNoEnvelopeCanHaveIsTooLargeEvenWithoutACap() {
    for (long ctLen : new long[] {0x80000000L, 0xffffffffL, Integer.MAX_VALUE}) {
      byte[] h = header(false);
      Bytes.putU32(h, 32, ctLen);
      ChunkTooLargeException e =
          assertThrows(ChunkTooLargeException.class, () -> ChunkHeader.parse(h, Long.MAX_VALUE));
      assertEquals(ctLen, e.declaredBytes());
    }
  }

  @Test
  void seqBeyondTwoToThe53IsRejected() {
    byte[] h = header(false);
    Bytes.putU64(h, 24, 1L << 53);
    assertEquals("seq", fieldOf(h));
    Bytes.putU64(h, 24, -1L);
    assertEquals("seq", fieldOf(h));
  }

  @Test
  void laneIdBeyondSixtyFourLanesIsRejected() {
    byte[] h = header(false);
    Bytes.putU32(h, 20, 64);
    assertEquals("laneId", fieldOf(h));
  }

  @Test
  void shortHeaderIsRejected() {
    for (int len = 0; len < 36; len++) {
      byte[] h = java.util.Arrays.copyOf(header(false), len);
      assertEquals("header", fieldOf(h));
    }
  }
}
