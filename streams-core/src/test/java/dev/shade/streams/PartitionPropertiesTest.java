package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Range and round-robin plans cover every byte exactly once and close every lane exactly once. */
class PartitionPropertiesTest {

  @Test
  void rangePlanCoversEveryByteExactlyOnce() {
    qt().withExamples(400)
        .forAll(longs().between(0, 10_000_000), integers().between(1, 64), integers().between(1024, 1 << 20))
        .checkAssert((total, lanes, chunk) -> {
          RangePlan plan = RangePlan.create(total, lanes, chunk);
          long expectedOffset = 0;
          for (int lane = 0; lane < lanes; lane++) {
            assertEquals(expectedOffset, plan.laneStart(lane));
            long count = plan.chunkCount(lane);
            for (long seq = 0; seq < count; seq++) {
              ChunkSpec spec = plan.chunk(lane, seq);
              assertEquals(expectedOffset, spec.offset());
              assertEquals(seq == count - 1, spec.isLast());
              if (!spec.isLast()) {
                assertEquals(chunk, spec.lengthBytes());
              }
              assertTrue(spec.lengthBytes() > 0 || (count == 1 && plan.laneBytes(lane) == 0));
              ChunkLayout.range(total, lanes, chunk)
                  .check(lane, seq, spec.lengthBytes(), spec.isLast());
              expectedOffset += spec.lengthBytes();
            }
            assertEquals(plan.laneEnd(lane), expectedOffset);
          }
          assertEquals((long) total, expectedOffset);
        });
  }

  @Test
  void roundRobinPlanCoversEveryByteExactlyOnce() {
    qt().withExamples(400)
        .forAll(longs().between(0, 10_000_000), integers().between(1, 64), integers().between(1024, 1 << 20))
        .checkAssert((total, lanes, chunk) -> {
          RoundRobinSplitter splitter = RoundRobinSplitter.create(lanes, chunk);
          List<ChunkSpec> specs = new ArrayList<>();
          long remaining = total;
          while (remaining > 0) {
            int n = (int) Math.min(chunk, remaining);
            remaining -= n;
            specs.add(splitter.next(n, remaining == 0));
          }
          specs.addAll(splitter.finish());
          checkRoundRobin(specs, total, lanes, chunk);
        });
  }

  @Test
  void roundRobinWithoutLookaheadClosesEveryLaneWithAnEmptyChunk() {
    RoundRobinSplitter splitter = RoundRobinSplitter.create(3, 1024);
    List<ChunkSpec> specs = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      specs.add(splitter.next(1024, false));
    }
    List<ChunkSpec> closing = splitter.finish();
    assertEquals(3, closing.size());
    closing.forEach(c -> assertEquals(0, c.lengthBytes()));
    specs.addAll(closing);
    checkRoundRobin(specs, 7 * 1024, 3, 1024);
  }

  @Test
  void emptyStreamSendsOneEmptyIsLastChunkPerLane() {
    RangePlan plan = RangePlan.create(0, 4, 1024);
    for (int lane = 0; lane < 4; lane++) {
      assertEquals(1, plan.chunkCount(lane));
      assertEquals(new ChunkSpec(lane, 0, 0, 0, true), plan.chunk(lane, 0));
    }
    assertEquals(4, RoundRobinSplitter.create(4, 1024).finish().size());
  }

  @Test
  void rangeBoundariesDoNotOverflowAtTheLargestSize() {
    RangePlan plan = RangePlan.create(ControlLimits.MAX_JSON_SAFE_INTEGER, 64, 16 << 20);
    assertEquals(ControlLimits.MAX_JSON_SAFE_INTEGER, plan.laneEnd(63));
    assertEquals(ControlLimits.MAX_JSON_SAFE_INTEGER / 64, plan.laneEnd(0));
  }

  @Test
  void limitsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> RangePlan.create(10, 0, 1024));
    assertThrows(IllegalArgumentException.class, () -> RangePlan.create(10, 65, 1024));
    assertThrows(IllegalArgumentException.class, () -> RangePlan.create(10, 4, 1023));
    assertThrows(IllegalArgumentException.class, () -> RangePlan.create(10, 4, (16 << 20) + 1));
    assertThrows(IllegalArgumentException.class, () -> RangePlan.create(-1, 4, 1024));
    assertThrows(IllegalArgumentException.class, () -> RangePlan.create(1L << 53, 4, 1024));
    assertThrows(IllegalArgumentException.class, () -> RoundRobinSplitter.create(65, 1024));
  }

  @Test
  void layoutRejectsChunksAConformingSenderCannotSend() {
    ChunkLayout range = ChunkLayout.range(5000, 2, 1024);
    assertThrows(ShadeFormatException.class, () -> range.check(0, 0, 1000, false));
    assertThrows(ShadeFormatException.class, () -> range.check(0, 0, 1024, true));
    assertThrows(ShadeFormatException.class, () -> range.check(0, 3, 452, false));
    range.check(0, 2, 452, true);
    assertThrows(ShadeFormatException.class, () -> range.check(0, 3, 0, true));
    ChunkLayout rr = ChunkLayout.roundRobin(2, 1024);
    assertThrows(ShadeFormatException.class, () -> rr.check(0, 0, 1000, false));
    rr.check(0, 0, 1000, true);
    rr.check(1, 0, 0, true);
    assertThrows(ShadeFormatException.class, () -> rr.check(1, 0, 1025, true));
  }

  private static void checkRoundRobin(List<ChunkSpec> specs, long total, int lanes, int chunk) {
    List<ChunkSpec> data = new ArrayList<>(specs);
    data.removeIf(s -> s.lengthBytes() == 0);
    data.sort(Comparator.comparingLong(ChunkSpec::offset));
    long expected = 0;
    for (int k = 0; k < data.size(); k++) {
      ChunkSpec s = data.get(k);
      assertEquals(expected, s.offset());
      assertEquals(k % lanes, s.laneId());
      assertEquals(k / lanes, s.seq());
      expected += s.lengthBytes();
    }
    assertEquals(total, expected);
    ChunkLayout layout = ChunkLayout.roundRobin(lanes, chunk);
    for (int lane = 0; lane < lanes; lane++) {
      int l = lane;
      List<ChunkSpec> laneSpecs = new ArrayList<>(specs);
      laneSpecs.removeIf(s -> s.laneId() != l);
      laneSpecs.sort(Comparator.comparingLong(ChunkSpec::seq));
      for (int i = 0; i < laneSpecs.size(); i++) {
        ChunkSpec s = laneSpecs.get(i);
        assertEquals(i, s.seq());
        assertEquals(i == laneSpecs.size() - 1, s.isLast(), "lane " + lane + " closes exactly once");
        layout.check(lane, s.seq(), s.lengthBytes(), s.isLast());
      }
      assertTrue(laneSpecs.size() >= 1);
    }
  }
}
