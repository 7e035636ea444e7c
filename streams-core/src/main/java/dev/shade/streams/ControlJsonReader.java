package dev.shade.streams;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;

/**
 * Builds control-message records from a parsed JSON tree. Everything JSON-shaped (presence,
 * types) is checked here with full paths; limits are checked by the records, whose errors are
 * re-rooted under the object they sit in ({@code lanes} in metadata becomes
 * {@code metadata.lanes}).
 */
final class ControlJsonReader {
  private ControlJsonReader() {}

  static ControlMessage read(JsonNode root) {
    JsonObjectReader r = JsonObjectReader.of(root, "");
    String kind = r.requiredText("kind");
    switch (kind) {
      case StreamInit.KIND:
        return streamInit(r);
      case StreamAccept.KIND:
        return new StreamAccept(streamId(r));
      case StreamDecline.KIND:
        return new StreamDecline(streamId(r), r.requiredText("reason"));
      case StreamFinish.KIND:
        return streamFinish(r);
      case StreamFinished.KIND:
        return streamFinished(r);
      case StreamAbort.KIND:
        return new StreamAbort(streamId(r), r.requiredText("reason"));
      case ResumeQuery.KIND:
        return new ResumeQuery(streamId(r));
      case ResumeState.KIND:
        return resumeState(r);
      case WebRtcOffer.KIND:
        return new WebRtcOffer(r.requiredText("sessionId"), r.requiredText("sdp"));
      case WebRtcAnswer.KIND:
        return new WebRtcAnswer(r.requiredText("sessionId"), r.requiredText("sdp"));
      default:
        return r.build(() -> new UnknownControlMessage(kind));
    }
  }

  private static StreamId streamId(JsonObjectReader r) {
    return StreamId.parse(r.requiredText("streamId"), r.path("streamId"));
  }

  private static StreamInit streamInit(JsonObjectReader r) {
    StreamId streamId = streamId(r);
    StreamMetadata metadata = streamMetadata(r.requiredObject("metadata"));
    byte[] secret = Base64Url.decode(r.requiredText("streamSecret"), r.path("streamSecret"),
        KeySchedule.STREAM_SECRET_SIZE_BYTES);
    SecretBytes streamSecret = SecretBytes.copyOf(secret);
    Arrays.fill(secret, (byte) 0);
    try {
      return new StreamInit(streamId, streamSecret, metadata);
    } catch (RuntimeException e) {
      streamSecret.destroy();
      throw e;
    }
  }

  /** Reads a bare metadata object, as {@link ControlCodec#decodeMetadata} stores it. */
  static StreamMetadata metadataObject(JsonNode node) {
    return streamMetadata(JsonObjectReader.of(node, "metadata"));
  }

  private static StreamMetadata streamMetadata(JsonObjectReader m) {
    Long totalBytes = m.optionalLong("totalBytes");
    int chunkSizeBytes = m.requiredInt("chunkSize");
    long sentAtEpochMs = m.requiredLong("sentAt");
    String partitionName = m.requiredText("partition");
    int lanes = m.requiredInt("lanes");
    int window = m.requiredInt("window");
    JsonObjectReader fileReader = m.optionalObject("fileMetadata");
    FileMetadata fileMetadata = fileReader == null ? null : fileMetadata(fileReader);
    var userMetadata = m.optionalStringMap("userMetadata");
    return m.build(() -> new StreamMetadata(totalBytes, chunkSizeBytes, sentAtEpochMs,
        Partition.fromWireName(partitionName), lanes, window, fileMetadata, userMetadata));
  }

  private static FileMetadata fileMetadata(JsonObjectReader f) {
    String filename = f.optionalText("filename");
    String mimeType = f.optionalText("mimeType");
    String thumbnailId = f.optionalText("thumbnailStreamId");
    StreamId thumbnailStreamId =
        thumbnailId == null ? null : StreamId.parse(thumbnailId, f.path("thumbnailStreamId"));
    String thumbnailHash = f.optionalText("thumbnailHash");
    String thumbnailMime = f.optionalText("thumbnailMime");
    Long thumbnailBytes = f.optionalLong("thumbnailBytes");
    return f.build(() -> new FileMetadata(filename, mimeType, thumbnailStreamId, thumbnailHash,
        thumbnailMime, thumbnailBytes));
  }

  private static StreamFinish streamFinish(JsonObjectReader r) {
    StreamId streamId = streamId(r);
    long totalBytes = r.requiredLong("totalBytes");
    String sha256 = r.requiredText("sha256");
    var lanes = r.requiredObjectList("lanes", lane -> {
      int laneId = lane.requiredInt("laneId");
      long chunks = lane.requiredLong("chunks");
      long bytes = lane.requiredLong("bytes");
      String laneSha256 = lane.requiredText("sha256");
      return lane.build(() -> new LaneSummary(laneId, chunks, bytes, laneSha256));
    });
    return new StreamFinish(streamId, totalBytes, sha256, lanes);
  }

  private static StreamFinished streamFinished(JsonObjectReader r) {
    StreamId streamId = streamId(r);
    boolean ok = r.requiredBoolean("ok");
    String failure = r.optionalText("failure");
    return new StreamFinished(streamId, ok,
        failure == null ? null : FinishFailure.fromWireName(failure));
  }

  private static ResumeState resumeState(JsonObjectReader r) {
    StreamId streamId = streamId(r);
    StreamStatus status = StreamStatus.fromWireName(r.requiredText("status"));
    String reason = r.optionalText("reason");
    var lanes = r.requiredObjectList("lanes", lane -> {
      int laneId = lane.requiredInt("laneId");
      long lastSeqAcked = lane.requiredLong("lastSeqAcked");
      return lane.build(() -> new LaneProgress(laneId, lastSeqAcked));
    });
    return new ResumeState(streamId, status, reason, lanes);
  }
}
