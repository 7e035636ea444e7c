package dev.shade.cli;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which chunks of a stream have been seen, per lane: every seq up to a contiguous mark, and the
 * few above it that came early (acks return out of order). Memory stays bounded by the chunks in
 * flight, whatever the stream's length.
 *
 * <p>Not thread safe: {@link TransferTracker} calls it under its lock.
 */
final class SeenChunks {
  private final long[] seenThrough;
  private final List<Set<Long>> above = new ArrayList<>();

  /** @param seenThrough per lane, the seq through which every chunk counts as seen (−1: none) */
  SeenChunks(long[] seenThrough) {
    this.seenThrough = seenThrough.clone();
    for (int i = 0; i < seenThrough.length; i++) {
      above.add(new HashSet<>());
    }
  }

  static SeenChunks none(int lanes) {
    long[] nothing = new long[lanes];
    java.util.Arrays.fill(nothing, -1);
    return new SeenChunks(nothing);
  }

  /** Records chunk {@code seq} of {@code laneId}; true when it was not seen before. */
  boolean add(int laneId, long seq) {
    if (laneId < 0 || laneId >= seenThrough.length) {
      return true;
    }
    Set<Long> early = above.get(laneId);
    if (seq <= seenThrough[laneId] || !early.add(seq)) {
      return false;
    }
    while (early.remove(seenThrough[laneId] + 1)) {
      seenThrough[laneId]++;
    }
    return true;
  }
}
