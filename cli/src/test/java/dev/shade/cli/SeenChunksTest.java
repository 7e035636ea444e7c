package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeenChunksTest {
  @Test
  void aChunkIsNewOnceAndChunksThroughTheMarkAreNeverNew() {
    SeenChunks seen = new SeenChunks(new long[] {1, -1});
    assertFalse(seen.add(0, 0));
    assertFalse(seen.add(0, 1));
    assertTrue(seen.add(0, 3));
    assertTrue(seen.add(0, 2));
    assertFalse(seen.add(0, 2));
    assertFalse(seen.add(0, 3));
    assertTrue(seen.add(1, 0));
    assertFalse(seen.add(1, 0));
  }

  @Test
  void outOfOrderChunksFoldIntoTheMark() {
    SeenChunks seen = SeenChunks.none(1);
    for (long seq = 999; seq >= 0; seq--) {
      assertTrue(seen.add(0, seq));
    }
    for (long seq = 0; seq < 1000; seq++) {
      assertFalse(seen.add(0, seq));
    }
    assertTrue(seen.add(0, 1000));
  }
}
