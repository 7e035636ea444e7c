package dev.shade.transfer;

import dev.shade.streams.Partition;
import dev.shade.streams.RangePlan;
import dev.shade.streams.StreamMetadata;

/**
 * Where a stream's bytes sit: which lane owns which offset, and the offset of a lane's chunk. One
 * place for both partitions, used by sinks and by the receiving stream.
 */
final class StreamGeometry {
  private final Partition partition;
  private final int lanes;
  private final int chunkSizeBytes;
  private final RangePlan rangePlan;

  private StreamGeometry(Partition partition, int lanes, int chunkSizeBytes, RangePlan rangePlan) {
    this.partition = partition;
    this.lanes = lanes;
    this.chunkSizeBytes = chunkSizeBytes;
    this.rangePlan = rangePlan;
  }

  static StreamGeometry of(StreamMetadata metadata) {
    RangePlan plan = metadata.partition() == Partition.RANGE
        ? RangePlan.create(metadata.totalBytes(), metadata.lanes(), metadata.chunkSizeBytes())
        : null;
    return new StreamGeometry(metadata.partition(), metadata.lanes(), metadata.chunkSizeBytes(),
        plan);
  }

  int lanes() {
    return lanes;
  }

  int chunkSizeBytes() {
    return chunkSizeBytes;
  }

  Partition partition() {
    return partition;
  }

  /** Stream offset of chunk {@code seq} of {@code laneId}. */
  long offset(int laneId, long seq) {
    if (partition == Partition.RANGE) {
      return rangePlan.laneStart(laneId) + seq * chunkSizeBytes;
    }
    return (seq * lanes + laneId) * chunkSizeBytes;
  }

  /** The lane that owns the byte at {@code offset}. */
  int laneAt(long offset) {
    if (partition == Partition.ROUND_ROBIN) {
      return (int) ((offset / chunkSizeBytes) % lanes);
    }
    int lane = (int) Math.min(lanes - 1L, offset * lanes / Math.max(1, rangePlan.totalBytes()));
    while (lane > 0 && rangePlan.laneStart(lane) > offset) {
      lane--;
    }
    while (lane < lanes - 1 && rangePlan.laneEnd(lane) <= offset) {
      lane++;
    }
    return lane;
  }

  /** How many bytes from {@code offset} stay in the same lane (at most {@code max}). */
  long runInLane(long offset, long max) {
    if (partition == Partition.ROUND_ROBIN) {
      return Math.min(max, chunkSizeBytes - offset % chunkSizeBytes);
    }
    return Math.min(max, rangePlan.laneEnd(laneAt(offset)) - offset);
  }
}
