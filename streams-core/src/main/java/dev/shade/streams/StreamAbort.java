package dev.shade.streams;

/**
 * {@code shade.stream-abort/v1}, from either side: {@code {"kind":...,"streamId":b64u,
 * "reason":string}}, the reason at most {@value ControlLimits#MAX_REASON_CODE_POINTS} code points.
 */
public record StreamAbort(StreamId streamId, String reason) implements StreamControlMessage {
  public static final String KIND = "shade.stream-abort/v1";

  public StreamAbort {
    FieldChecks.required("streamId", streamId);
    FieldChecks.text("reason", reason, ControlLimits.MAX_REASON_CODE_POINTS);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
