package dev.shade.transfer.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaneCheckpointTest {
  private static final byte[] SHA = new byte[LaneCheckpoint.SHA256_BYTES];

  static {
    Arrays.fill(SHA, (byte) 0xab);
  }

  @Test
  void everyFieldRoundTripsThroughTheColumnEncoding() {
    List<LaneCheckpoint> lanes = List.of(new LaneCheckpoint(0, 41, 40, SHA),
        new LaneCheckpoint(1, -1, -1, SHA, 0b110L | Long.MIN_VALUE));
    byte[] encoded = LaneCheckpoint.encodeAll(lanes);
    assertEquals(2, encoded[0], "version");
    assertEquals(3 + 2 * 60, encoded.length);
    assertEquals(lanes, LaneCheckpoint.decodeAll(encoded));
  }

  @Test
  void versionOneRowsReadAsNothingAheadOfTheGap() {
    ByteBuffer v1 = ByteBuffer.allocate(3 + 52).put((byte) 1).putShort((short) 1).putInt(3)
        .putLong(9).putLong(8).put(SHA);
    assertEquals(List.of(new LaneCheckpoint(3, 9, 8, SHA, 0)),
        LaneCheckpoint.decodeAll(v1.array()));
    assertThrows(IllegalArgumentException.class,
        () -> LaneCheckpoint.decodeAll(Arrays.copyOf(v1.array(), 3 + 60)));
  }

  @Test
  void theFirstMissingSeqCannotBeMarkedAhead() {
    assertThrows(IllegalArgumentException.class, () -> new LaneCheckpoint(0, 5, 5, SHA, 1));
    assertEquals(0, new LaneCheckpoint(0, 5, 5, SHA, 0b100).withLastSeqAcked(6).aheadMask());
  }
}
