package dev.shade.streams;

/**
 * The RANGE chunk plan for a stream of known size N over L lanes: lane {@code i} owns bytes {@code
 * [floor(i·N/L), floor((i+1)·N/L))}, cut into {@code chunkSize} chunks in order. Every chunk of a
 * lane is full size except the lane's last, which carries isLast even when full; an empty lane has
 * exactly one empty isLast chunk. Computed on demand, so a plan for 2^53 bytes costs nothing.
 *
 * <p>Immutable and thread-safe.
 */
public final class RangePlan {
  private final long totalBytes;
  private final int lanes;
  private final int chunkSizeBytes;

  private RangePlan(long totalBytes, int lanes, int chunkSizeBytes) {
    this.totalBytes = totalBytes;
    this.lanes = lanes;
    this.chunkSizeBytes = chunkSizeBytes;
  }

  public static RangePlan create(long totalBytes, int lanes, int chunkSizeBytes) {
    ChunkPlanLimits.checkTotalBytes(totalBytes);
    ChunkPlanLimits.checkLanes(lanes);
    ChunkPlanLimits.checkChunkSize(chunkSizeBytes);
    return new RangePlan(totalBytes, lanes, chunkSizeBytes);
  }

  public long totalBytes() {
    return totalBytes;
  }

  public int lanes() {
    return lanes;
  }

  public int chunkSizeBytes() {
    return chunkSizeBytes;
  }

  /** {@code floor(laneId·N/L)}; {@code laneId·N} stays below 2^59, so it cannot overflow. */
  public long laneStart(int laneId) {
    checkLane(laneId);
    return boundary(laneId);
  }

  public long laneEnd(int laneId) {
    checkLane(laneId);
    return boundary(laneId + 1);
  }

  public long laneBytes(int laneId) {
    return laneEnd(laneId) - laneStart(laneId);
  }

  /** Chunks (envelopes) in the lane, counting an empty lane's single empty isLast chunk. */
  public long chunkCount(int laneId) {
    long bytes = laneBytes(laneId);
    return bytes == 0 ? 1 : (bytes + chunkSizeBytes - 1) / chunkSizeBytes;
  }

  /**
   * The chunk at {@code seq} of {@code laneId}.
   *
   * @throws IllegalArgumentException when the lane has no such seq
   */
  public ChunkSpec chunk(int laneId, long seq) {
    long count = chunkCount(laneId);
    if (seq < 0 || seq >= count) {
      throw new IllegalArgumentException("lane " + laneId + " has seqs 0.." + (count - 1) + ": " + seq);
    }
    long offset = laneStart(laneId) + seq * chunkSizeBytes;
    int length = (int) Math.min(chunkSizeBytes, laneEnd(laneId) - offset);
    return new ChunkSpec(laneId, seq, offset, length, seq == count - 1);
  }

  private long boundary(int i) {
    return i * totalBytes / lanes;
  }

  private void checkLane(int laneId) {
    if (laneId < 0 || laneId >= lanes) {
      throw new IllegalArgumentException("laneId must be 0.." + (lanes - 1) + ": " + laneId);
    }
  }
}
