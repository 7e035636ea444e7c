package dev.shade.streams;

/**
 * One lane's progress in {@code resume-state}: {@code {"laneId":n,"lastSeqAcked":n}}, where
 * {@code lastSeqAcked} is the highest seq such that 0..seq all arrived, or {@value #NONE_ACKED}.
 */
public record LaneProgress(int laneId, long lastSeqAcked) {
  /** {@code lastSeqAcked} of a lane with nothing acknowledged yet. */
  public static final long NONE_ACKED = -1;

  public LaneProgress {
    FieldChecks.inRange("laneId", laneId, 0, ControlLimits.MAX_LANES - 1);
    FieldChecks.inRange("lastSeqAcked", lastSeqAcked, NONE_ACKED,
        ControlLimits.MAX_JSON_SAFE_INTEGER);
  }
}
