package dev.shade.streams;

import java.util.List;

/**
 * {@code shade.stream-finish/v1}: the sender's totals, which the receiver verifies before it
 * surfaces anything.
 *
 * <pre>
 * {"kind":"shade.stream-finish/v1","streamId":b64u,"totalBytes":n,"sha256":hex,
 *  "lanes":[{"laneId":n,"chunks":n,"bytes":n,"sha256":hex}, ...]}
 * </pre>
 *
 * <p>{@code lanes} lists lanes 0, 1, … in order, each once (1..64 of them); whether their count
 * matches the stream's is the receiver's {@link FinishFailure#LANE_COUNT_MISMATCH} check, not a
 * format rule.
 */
public record StreamFinish(StreamId streamId, long totalBytes, String sha256,
    List<LaneSummary> lanes) implements StreamControlMessage {
  public static final String KIND = "shade.stream-finish/v1";

  public StreamFinish {
    FieldChecks.required("streamId", streamId);
    FieldChecks.nonNegativeSafe("totalBytes", totalBytes);
    FieldChecks.sha256Hex("sha256", sha256);
    lanes = FieldChecks.laneList("lanes", lanes, ControlLimits.MIN_LANES, LaneSummary::laneId);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
