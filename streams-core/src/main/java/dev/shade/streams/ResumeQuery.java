package dev.shade.streams;

/**
 * {@code shade.stream-resume-query/v1}: {@code {"kind":...,"streamId":b64u}}. The sender asks
 * where a stream stands; the receiver answers with a {@link ResumeState}.
 */
public record ResumeQuery(StreamId streamId) implements StreamControlMessage {
  public static final String KIND = "shade.stream-resume-query/v1";

  public ResumeQuery {
    FieldChecks.required("streamId", streamId);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
