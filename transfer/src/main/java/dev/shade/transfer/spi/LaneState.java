package dev.shade.transfer.spi;

/** One lane's progress at the receiver: the highest seq such that 0..seq all arrived, −1 if none. */
public record LaneState(int laneId, long lastSeqAcked) {
  public LaneState {
    if (laneId < 0 || lastSeqAcked < -1) {
      throw new IllegalArgumentException("laneId " + laneId + ", lastSeqAcked " + lastSeqAcked);
    }
  }
}
