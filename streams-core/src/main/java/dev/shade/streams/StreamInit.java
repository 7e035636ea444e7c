package dev.shade.streams;

/**
 * {@code shade.stream-init/v1}: the sender offers a stream and hands over its secret.
 *
 * <pre>
 * {"kind":"shade.stream-init/v1","streamId":b64u,"streamSecret":b64u,"metadata":{...}}
 * </pre>
 *
 * <p>The secret is the caller's: this record neither copies nor destroys it, and {@link
 * #toString()} never shows it. Record equality compares the secret by identity (as {@link
 * SecretBytes#equals} does); compare contents with {@code streamSecret().equalsSecret(...)}, e.g. to
 * recognise an idempotent repeat of the same init.
 */
public record StreamInit(StreamId streamId, SecretBytes streamSecret, StreamMetadata metadata)
    implements StreamControlMessage {
  public static final String KIND = "shade.stream-init/v1";

  public StreamInit {
    FieldChecks.required("streamId", streamId);
    FieldChecks.required("streamSecret", streamSecret);
    FieldChecks.required("metadata", metadata);
    if (streamSecret.sizeBytes() != KeySchedule.STREAM_SECRET_SIZE_BYTES) {
      throw new ShadeFormatException("streamSecret",
          "must be " + KeySchedule.STREAM_SECRET_SIZE_BYTES + " bytes");
    }
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String toString() {
    return "StreamInit[streamId=" + streamId + ", streamSecret=(redacted), metadata=" + metadata
        + "]";
  }
}
