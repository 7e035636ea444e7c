package dev.shade.streams;

/** {@code shade.stream-accept/v1}: {@code {"kind":...,"streamId":b64u}}. */
public record StreamAccept(StreamId streamId) implements StreamControlMessage {
  public static final String KIND = "shade.stream-accept/v1";

  public StreamAccept {
    FieldChecks.required("streamId", streamId);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
