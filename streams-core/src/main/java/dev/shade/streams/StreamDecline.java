package dev.shade.streams;

/**
 * {@code shade.stream-decline/v1}: {@code {"kind":...,"streamId":b64u,"reason":string}}, the
 * reason at most {@value ControlLimits#MAX_REASON_CODE_POINTS} code points.
 */
public record StreamDecline(StreamId streamId, String reason) implements StreamControlMessage {
  public static final String KIND = "shade.stream-decline/v1";

  public StreamDecline {
    FieldChecks.required("streamId", streamId);
    FieldChecks.text("reason", reason, ControlLimits.MAX_REASON_CODE_POINTS);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
