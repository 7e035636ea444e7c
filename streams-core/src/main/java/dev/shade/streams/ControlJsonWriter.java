package dev.shade.streams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes control-message records as JSON trees with DESIGN.md's field names. Optional fields
 * that are null are left out ("absent is sent"); {@code metadata.totalBytes}, whose shape is
 * {@code n|null}, is written as an explicit null when the size is unknown.
 */
final class ControlJsonWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ControlJsonWriter() {}

  static ObjectNode write(ControlMessage message) {
    ObjectNode o = NODES.objectNode();
    o.put("kind", message.kind());
    if (message instanceof StreamControlMessage s) {
      o.put("streamId", s.streamId().toBase64Url());
    }
    if (message instanceof StreamInit m) {
      byte[] secret = m.streamSecret().toByteArray();
      try {
        o.put("streamSecret", Base64Url.encode(secret));
      } finally {
        Arrays.fill(secret, (byte) 0);
      }
      o.set("metadata", metadata(m.metadata()));
    } else if (message instanceof StreamDecline m) {
      o.put("reason", m.reason());
    } else if (message instanceof StreamAbort m) {
      o.put("reason", m.reason());
    } else if (message instanceof StreamFinish m) {
      o.put("totalBytes", m.totalBytes());
      o.put("sha256", m.sha256());
      o.set("lanes", laneSummaries(m));
    } else if (message instanceof StreamFinished m) {
      o.put("ok", m.ok());
      if (m.failure() != null) {
        o.put("failure", m.failure().wireName());
      }
    } else if (message instanceof ResumeState m) {
      o.put("status", m.status().wireName());
      putIfPresent(o, "reason", m.reason());
      o.set("lanes", laneProgress(m));
    } else if (message instanceof WebRtcOffer m) {
      o.put("sessionId", m.sessionId());
      o.put("sdp", m.sdp());
    } else if (message instanceof WebRtcAnswer m) {
      o.put("sessionId", m.sessionId());
      o.put("sdp", m.sdp());
    }
    // StreamAccept, ResumeQuery and UnknownControlMessage carry nothing more.
    return o;
  }

  /** A bare metadata object, as {@code stream-init} carries it. */
  static ObjectNode metadataObject(StreamMetadata m) {
    return metadata(m);
  }

  private static ObjectNode metadata(StreamMetadata m) {
    ObjectNode o = NODES.objectNode();
    if (m.totalBytes() == null) {
      o.putNull("totalBytes");
    } else {
      o.put("totalBytes", m.totalBytes());
    }
    o.put("chunkSize", m.chunkSizeBytes());
    o.put("sentAt", m.sentAtEpochMs());
    o.put("partition", m.partition().wireName());
    o.put("lanes", m.lanes());
    o.put("window", m.window());
    if (m.fileMetadata() != null) {
      o.set("fileMetadata", fileMetadata(m.fileMetadata()));
    }
    if (m.userMetadata() != null) {
      ObjectNode user = o.putObject("userMetadata");
      for (Map.Entry<String, String> e : m.userMetadata().entrySet()) {
        user.put(e.getKey(), e.getValue());
      }
    }
    return o;
  }

  private static ObjectNode fileMetadata(FileMetadata f) {
    ObjectNode o = NODES.objectNode();
    putIfPresent(o, "filename", f.filename());
    putIfPresent(o, "mimeType", f.mimeType());
    if (f.thumbnailStreamId() != null) {
      o.put("thumbnailStreamId", f.thumbnailStreamId().toBase64Url());
    }
    putIfPresent(o, "thumbnailHash", f.thumbnailHash());
    putIfPresent(o, "thumbnailMime", f.thumbnailMime());
    if (f.thumbnailBytes() != null) {
      o.put("thumbnailBytes", f.thumbnailBytes());
    }
    return o;
  }

  private static ArrayNode laneSummaries(StreamFinish m) {
    ArrayNode lanes = NODES.arrayNode();
    for (LaneSummary lane : m.lanes()) {
      lanes.addObject().put("laneId", lane.laneId()).put("chunks", lane.chunks())
          .put("bytes", lane.bytes()).put("sha256", lane.sha256());
    }
    return lanes;
  }

  private static ArrayNode laneProgress(ResumeState m) {
    ArrayNode lanes = NODES.arrayNode();
    for (LaneProgress lane : m.lanes()) {
      lanes.addObject().put("laneId", lane.laneId()).put("lastSeqAcked", lane.lastSeqAcked());
    }
    return lanes;
  }

  private static void putIfPresent(ObjectNode o, String name, String value) {
    if (value != null) {
      o.put(name, value);
    }
  }
}
