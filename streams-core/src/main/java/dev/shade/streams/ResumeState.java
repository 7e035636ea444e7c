package dev.shade.streams;

import java.util.List;

/**
 * {@code shade.stream-resume-state/v1}: where a stream stands, the receiver's answer to a {@link
 * ResumeQuery} (and to a {@link StreamInit} not yet decided: status {@code pending}).
 *
 * <pre>
 * {"kind":"shade.stream-resume-state/v1","streamId":b64u,"status":string,
 *  "reason":string?,"lanes":[{"laneId":n,"lastSeqAcked":n}, ...]}
 * </pre>
 *
 * <p>{@code reason} (at most {@value ControlLimits#MAX_REASON_CODE_POINTS} code points) is required
 * when the status is declined or aborted, optional otherwise. {@code lanes} lists lanes 0, 1, … in
 * order, each once, and may be empty (e.g. while pending).
 */
public record ResumeState(StreamId streamId, StreamStatus status, String reason,
    List<LaneProgress> lanes) implements StreamControlMessage {
  public static final String KIND = "shade.stream-resume-state/v1";

  public ResumeState {
    FieldChecks.required("streamId", streamId);
    FieldChecks.required("status", status);
    FieldChecks.optionalText("reason", reason, ControlLimits.MAX_REASON_CODE_POINTS);
    if (reason == null && status.requiresReason()) {
      throw new ShadeFormatException("reason", "required when status is " + status.wireName());
    }
    lanes = FieldChecks.laneList("lanes", lanes, 0, LaneProgress::laneId);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
