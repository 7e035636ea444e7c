package dev.shade.streams;

import java.util.BitSet;

/**
 * The receiver's bookkeeping for one lane. Several chunks of a lane are in flight at once, so they
 * arrive out of order; the window slides with the first missing seq.
 *
 * <ul>
 *   <li>A chunk is admissible when its seq lies in {@code [firstMissing, firstMissing + window)},
 *       not past the lane's isLast seq, and it is not a second, different isLast.
 *   <li>A seq that already arrived is a {@link Admission#DUPLICATE}: acknowledged again, never
 *       counted or written twice.
 *   <li>{@link #lastSeqAcked()} is the highest seq such that 0..seq all arrived (−1 if none).
 *   <li>The lane is complete when every seq up to its isLast chunk has arrived.
 * </ul>
 *
 * <p>Admission is two-phase so that a chunk is recorded only after it is in the sink: {@link
 * #check} says whether a chunk may be written, {@link #record} marks it arrived.
 *
 * <p>Not thread-safe: callers serialise access per lane.
 */
public final class LaneWindow {
  /** What {@link #check} decided about an admissible chunk. */
  public enum Admission {
    NEW,
    DUPLICATE
  }

  private final int laneId;
  private final int window;
  private long firstMissing;
  private long lastSeq = -1;
  /** Bit {@code i} set: seq {@code firstMissing + i} arrived. Bit 0 is always clear. */
  private final BitSet ahead;

  private LaneWindow(int laneId, int window, long firstMissing, long lastSeq) {
    this.laneId = laneId;
    this.window = window;
    this.firstMissing = firstMissing;
    this.lastSeq = lastSeq;
    this.ahead = new BitSet(window);
  }

  /** A fresh lane: nothing arrived. */
  public static LaneWindow create(int laneId, int window) {
    return resume(laneId, window, -1, -1);
  }

  /**
   * A lane restored after a restart: seqs 0..{@code lastSeqAcked} arrived; {@code lastSeq} is the
   * seq of the lane's isLast chunk if it arrived and is known, else −1.
   */
  public static LaneWindow resume(int laneId, int window, long lastSeqAcked, long lastSeq) {
    if (window < 1 || window > 64) {
      throw new IllegalArgumentException("window must be 1..64: " + window);
    }
    if (lastSeqAcked < -1 || lastSeqAcked > ChunkHeader.MAX_SEQ) {
      throw new IllegalArgumentException("lastSeqAcked out of range: " + lastSeqAcked);
    }
    if (lastSeq != -1 && (lastSeq < 0 || lastSeq < lastSeqAcked)) {
      throw new IllegalArgumentException("lastSeq " + lastSeq + " before lastSeqAcked " + lastSeqAcked);
    }
    return new LaneWindow(laneId, window, lastSeqAcked + 1, lastSeq);
  }

  /**
   * A lane restored after a restart with the chunks that had arrived beyond its first gap, as
   * {@link #aheadMask()} gave them; bits outside the window are ignored.
   *
   * @throws IllegalArgumentException when bit 0 is set (that seq would not be missing) or a
   *     chunk lies past the lane's isLast chunk
   */
  public static LaneWindow resume(int laneId, int window, long lastSeqAcked, long lastSeq,
      long aheadMask) {
    LaneWindow lane = resume(laneId, window, lastSeqAcked, lastSeq);
    if ((aheadMask & 1) != 0) {
      throw new IllegalArgumentException("seq " + (lastSeqAcked + 1) + " is the first missing");
    }
    long inWindow = window == Long.SIZE ? aheadMask : aheadMask & ((1L << window) - 1);
    lane.ahead.or(BitSet.valueOf(new long[] {inWindow}));
    if (lastSeq >= 0 && lane.highestArrived() > lastSeq) {
      throw new IllegalArgumentException("a chunk arrived past the isLast seq " + lastSeq);
    }
    return lane;
  }

  /**
   * Decides whether chunk {@code seq} (with its isLast flag) may be accepted.
   *
   * @throws ShadeFormatException when the seq lies beyond the window, past the lane's isLast
   *     chunk, or would be a second isLast chunk
   */
  public Admission check(long seq, boolean isLast) {
    if (seq < 0) {
      throw new ShadeFormatException("seq", "negative");
    }
    if (lastSeq >= 0 && seq > lastSeq) {
      throw new ShadeFormatException("seq",
          "lane " + laneId + " seq " + seq + " is past its isLast chunk " + lastSeq);
    }
    if (seq < firstMissing || (seq - firstMissing < window && ahead.get((int) (seq - firstMissing)))) {
      if (isLast != (seq == lastSeq)) {
        throw new ShadeFormatException("flags",
            "lane " + laneId + " seq " + seq + " repeated with a different isLast flag");
      }
      return Admission.DUPLICATE;
    }
    if (seq - firstMissing >= window) {
      throw new ShadeFormatException("seq", "lane " + laneId + " seq " + seq
          + " is beyond the window [" + firstMissing + ", " + (firstMissing + window) + ")");
    }
    if (isLast && lastSeq >= 0) {
      throw new ShadeFormatException("flags",
          "lane " + laneId + " already has its isLast chunk at seq " + lastSeq);
    }
    if (isLast && highestArrived() > seq) {
      throw new ShadeFormatException("flags",
          "lane " + laneId + " isLast at seq " + seq + " but a later seq already arrived");
    }
    return Admission.NEW;
  }

  /** Marks chunk {@code seq} as arrived (in the sink). Call only after {@link #check} said NEW. */
  public void record(long seq, boolean isLast) {
    if (check(seq, isLast) != Admission.NEW) {
      return;
    }
    if (isLast) {
      lastSeq = seq;
    }
    ahead.set((int) (seq - firstMissing));
    int shift = ahead.nextClearBit(0);
    if (shift > 0) {
      firstMissing += shift;
      BitSet moved = ahead.get(shift, Math.max(shift, ahead.length()));
      ahead.clear();
      ahead.or(moved);
    }
  }

  /**
   * The chunks that arrived beyond the first gap, one bit each: bit {@code i} is seq {@code
   * lastSeqAcked() + 1 + i}, so bit 0 is always clear. A window is at most 64 wide, so one long
   * holds them; a receiver persists it with {@link #lastSeqAcked()} so that a restart forgets
   * nothing it acknowledged.
   */
  public long aheadMask() {
    long[] words = ahead.toLongArray();
    return words.length == 0 ? 0 : words[0];
  }

  /** Highest seq such that 0..seq all arrived; −1 if seq 0 has not arrived. */
  public long lastSeqAcked() {
    return firstMissing - 1;
  }

  /** The seq of this lane's isLast chunk, or −1 while it has not arrived. */
  public long lastSeq() {
    return lastSeq;
  }

  /** True when every seq up to the isLast chunk has arrived. */
  public boolean isComplete() {
    return lastSeq >= 0 && firstMissing == lastSeq + 1;
  }

  /** Chunks that arrived beyond the first gap (held out of order). */
  public int heldOutOfOrder() {
    return ahead.cardinality();
  }

  public int laneId() {
    return laneId;
  }

  private long highestArrived() {
    int top = ahead.length() - 1;
    return top >= 0 ? firstMissing + top : firstMissing - 1;
  }
}
