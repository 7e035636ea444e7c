package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.LaneWindow.Admission;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LaneWindowTest {
  private static void accept(LaneWindow w, long seq, boolean isLast) {
    assertEquals(Admission.NEW, w.check(seq, isLast));
    w.record(seq, isLast);
  }

  @Test
  void freshLaneHasNothingAcked() {
    LaneWindow w = LaneWindow.create(0, 4);
    assertEquals(-1, w.lastSeqAcked());
    assertFalse(w.isComplete());
  }

  @Test
  void outOfOrderArrivalsAdvanceLastSeqAckedOnlyPastTheGap() {
    LaneWindow w = LaneWindow.create(0, 4);
    accept(w, 2, false);
    accept(w, 1, false);
    assertEquals(-1, w.lastSeqAcked());
    accept(w, 0, false);
    assertEquals(2, w.lastSeqAcked());
    assertEquals(0, w.heldOutOfOrder());
  }

  @Test
  void chunksBeyondTheGapSurviveARestartThroughTheAheadMask() {
    LaneWindow w = LaneWindow.create(0, 64);
    accept(w, 0, false);
    accept(w, 2, false);
    accept(w, 3, false);
    accept(w, 64, false);
    assertEquals(0, w.lastSeqAcked());
    assertEquals(0b110L | (1L << 63), w.aheadMask());

    LaneWindow restored = LaneWindow.resume(0, 64, w.lastSeqAcked(), -1, w.aheadMask());
    assertEquals(Admission.DUPLICATE, restored.check(3, false));
    assertEquals(Admission.DUPLICATE, restored.check(64, false));
    accept(restored, 1, false);
    assertEquals(3, restored.lastSeqAcked());
    assertEquals(1L << 60, restored.aheadMask());
  }

  @Test
  void anAheadMaskIsCheckedAndClippedToTheWindow() {
    assertThrows(IllegalArgumentException.class, () -> LaneWindow.resume(0, 4, 5, -1, 0b1));
    assertThrows(IllegalArgumentException.class, () -> LaneWindow.resume(0, 4, 5, 7, 0b1000));
    assertEquals(0b110, LaneWindow.resume(0, 3, 5, -1, 0b11110).aheadMask());
  }

  @Test
  void duplicateIsRecognisedAndNotCountedTwice() {
    LaneWindow w = LaneWindow.create(0, 4);
    accept(w, 0, false);
    accept(w, 2, false);
    assertEquals(Admission.DUPLICATE, w.check(0, false));
    assertEquals(Admission.DUPLICATE, w.check(2, false));
    w.record(2, false);
    assertEquals(1, w.heldOutOfOrder());
    assertEquals(0, w.lastSeqAcked());
  }

  @Test
  void seqBeyondTheWindowIsRejected() {
    LaneWindow w = LaneWindow.create(0, 4);
    accept(w, 3, false);
    assertThrows(ShadeFormatException.class, () -> w.check(4, false));
    accept(w, 0, false);
    accept(w, 4, false);
  }

  @Test
  void windowSlidesWithTheFirstMissingSeq() {
    LaneWindow w = LaneWindow.create(0, 2);
    for (long seq = 0; seq < 1000; seq++) {
      long beyond = seq + 2;
      assertThrows(ShadeFormatException.class, () -> w.check(beyond, false));
      assertEquals(Admission.NEW, w.check(seq + 1, false));
      accept(w, seq, false);
    }
    assertEquals(999, w.lastSeqAcked());
  }

  @Test
  void seqPastIsLastIsRejected() {
    LaneWindow w = LaneWindow.create(0, 8);
    accept(w, 2, true);
    assertThrows(ShadeFormatException.class, () -> w.check(3, false));
    assertThrows(ShadeFormatException.class, () -> w.check(3, true));
  }

  @Test
  void secondIsLastIsRejected() {
    LaneWindow w = LaneWindow.create(0, 8);
    accept(w, 4, true);
    assertThrows(ShadeFormatException.class, () -> w.check(1, true));
  }

  @Test
  void isLastBelowAnArrivedSeqIsRejected() {
    LaneWindow w = LaneWindow.create(0, 8);
    accept(w, 5, false);
    assertThrows(ShadeFormatException.class, () -> w.check(3, true));
  }

  @Test
  void duplicateWithADifferentIsLastFlagIsRejected() {
    LaneWindow w = LaneWindow.create(0, 8);
    accept(w, 0, false);
    accept(w, 1, true);
    assertThrows(ShadeFormatException.class, () -> w.check(0, true));
    assertThrows(ShadeFormatException.class, () -> w.check(1, false));
    assertEquals(Admission.DUPLICATE, w.check(1, true));
  }

  @Test
  void laneIsCompleteOnlyWhenEverySeqUpToIsLastArrived() {
    LaneWindow w = LaneWindow.create(0, 8);
    accept(w, 3, true);
    accept(w, 0, false);
    accept(w, 2, false);
    assertFalse(w.isComplete());
    accept(w, 1, false);
    assertTrue(w.isComplete());
    assertEquals(3, w.lastSeqAcked());
  }

  @Test
  void anyArrivalOrderWithinTheWindowCompletesTheLane() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int window = 1 + random.nextInt(16);
      int chunks = 1 + random.nextInt(100);
      LaneWindow w = LaneWindow.create(0, window);
      List<Long> pending = new ArrayList<>();
      long next = 0;
      while (!w.isComplete()) {
        while (next < chunks && next <= w.lastSeqAcked() + window) {
          pending.add(next++);
        }
        Collections.shuffle(pending, random);
        long seq = pending.remove(0);
        accept(w, seq, seq == chunks - 1);
        if (random.nextInt(4) == 0) {
          assertEquals(Admission.DUPLICATE, w.check(seq, seq == chunks - 1));
        }
      }
      assertEquals(chunks - 1, w.lastSeqAcked());
    }
  }

  @Test
  void resumedLaneContinuesFromItsAckedPrefix() {
    LaneWindow w = LaneWindow.resume(2, 4, 9, -1);
    assertEquals(9, w.lastSeqAcked());
    assertEquals(Admission.DUPLICATE, w.check(5, false));
    assertThrows(ShadeFormatException.class, () -> w.check(14, false));
    accept(w, 10, true);
    assertTrue(w.isComplete());
  }
}
