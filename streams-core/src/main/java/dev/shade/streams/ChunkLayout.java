package dev.shade.streams;

/**
 * The receiver's per-chunk layout rule (DESIGN.md, chunk check 8): the size and isLast flag a chunk
 * must have at its lane and seq.
 *
 * <ul>
 *   <li>RANGE: exactly the {@link RangePlan}'s chunk at that lane and seq.
 *   <li>ROUND_ROBIN: a chunk without isLast is full size; an isLast chunk is full, short (the final
 *       data chunk of the stream) or empty. Cross-lane totals are checked at finish.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class ChunkLayout {
  private final Partition partition;
  private final RangePlan rangePlan;
  private final int chunkSizeBytes;

  private ChunkLayout(Partition partition, RangePlan rangePlan, int chunkSizeBytes) {
    this.partition = partition;
    this.rangePlan = rangePlan;
    this.chunkSizeBytes = chunkSizeBytes;
  }

  public static ChunkLayout range(long totalBytes, int lanes, int chunkSizeBytes) {
    return new ChunkLayout(Partition.RANGE, RangePlan.create(totalBytes, lanes, chunkSizeBytes),
        chunkSizeBytes);
  }

  public static ChunkLayout roundRobin(int lanes, int chunkSizeBytes) {
    ChunkPlanLimits.checkLanes(lanes);
    ChunkPlanLimits.checkChunkSize(chunkSizeBytes);
    return new ChunkLayout(Partition.ROUND_ROBIN, null, chunkSizeBytes);
  }

  public Partition partition() {
    return partition;
  }

  /**
   * Checks a chunk's plaintext size and flag against the layout.
   *
   * @throws ShadeFormatException when a conforming sender could not have sent this chunk
   */
  public void check(int laneId, long seq, int plaintextBytes, boolean isLast) {
    if (partition == Partition.RANGE) {
      if (seq >= rangePlan.chunkCount(laneId)) {
        throw new ShadeFormatException("seq", "lane " + laneId + " has only "
            + rangePlan.chunkCount(laneId) + " chunks, got seq " + seq);
      }
      ChunkSpec expected = rangePlan.chunk(laneId, seq);
      if (expected.lengthBytes() != plaintextBytes || expected.isLast() != isLast) {
        throw new ShadeFormatException("ctLen", "lane " + laneId + " seq " + seq + " must carry "
            + expected.lengthBytes() + " bytes" + (expected.isLast() ? " with isLast" : "")
            + ", got " + plaintextBytes + (isLast ? " with isLast" : ""));
      }
      return;
    }
    if (plaintextBytes > chunkSizeBytes || (!isLast && plaintextBytes != chunkSizeBytes)) {
      throw new ShadeFormatException("ctLen", "lane " + laneId + " seq " + seq + " carries "
          + plaintextBytes + " bytes; round-robin chunks are " + chunkSizeBytes
          + " bytes except a lane's isLast chunk");
    }
  }
}
