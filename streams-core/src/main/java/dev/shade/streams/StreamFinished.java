package dev.shade.streams;

/**
 * {@code shade.stream-finished/v1}: the receiver's verdict on a finish.
 *
 * <pre>
 * {"kind":"shade.stream-finished/v1","streamId":b64u,"ok":bool,"failure":string?}
 * </pre>
 *
 * <p>{@code failure} is present exactly when {@code ok} is false.
 */
public record StreamFinished(StreamId streamId, boolean ok, FinishFailure failure)
    implements StreamControlMessage {
  public static final String KIND = "shade.stream-finished/v1";

  public StreamFinished {
    FieldChecks.required("streamId", streamId);
    if (!ok && failure == null) {
      throw new ShadeFormatException("failure", "required when ok is false");
    }
    if (ok && failure != null) {
      throw new ShadeFormatException("failure", "must be absent when ok is true");
    }
  }

  public static StreamFinished success(StreamId streamId) {
    return new StreamFinished(streamId, true, null);
  }

  public static StreamFinished failed(StreamId streamId, FinishFailure failure) {
    return new StreamFinished(streamId, false, failure);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
