package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One valid example of every control message kind, and message comparison for tests. */
final class ControlMessages {
  static final StreamId STREAM_ID = StreamId.of(bytes(16, 1));
  static final StreamId THUMBNAIL_ID = StreamId.of(bytes(16, 0x40));
  static final String SHA_A = "a".repeat(64);
  static final String SHA_B = "0123456789abcdef".repeat(4);
  static final String SESSION_ID = Base64Url.encode(bytes(16, 0x70));

  private ControlMessages() {}

  static byte[] bytes(int size, int first) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (first + i);
    }
    return b;
  }

  static SecretBytes secret() {
    return SecretBytes.copyOf(bytes(32, 0x20));
  }

  static StreamMetadata fullMetadata() {
    Map<String, String> user = new LinkedHashMap<>();
    user.put("project", "déjà vu 🎉");
    user.put(StreamMetadata.THUMBNAIL_MARKER_KEY, "1");
    return new StreamMetadata(123_456_789L, 1 << 20, 1_700_000_000_000L, Partition.RANGE, 4, 4,
        new FileMetadata("report 2024.pdf", "application/pdf", THUMBNAIL_ID, SHA_B, "image/png",
            4096L), user);
  }

  static StreamMetadata minimalMetadata() {
    return new StreamMetadata(null, 1024, 0, Partition.ROUND_ROBIN, 1, 1, null, null);
  }

  static StreamInit streamInit() {
    return new StreamInit(STREAM_ID, secret(), fullMetadata());
  }

  static StreamFinish streamFinish() {
    return new StreamFinish(STREAM_ID, 3000, SHA_A, List.of(
        new LaneSummary(0, 2, 1024, SHA_B), new LaneSummary(1, 2, 1976, SHA_A),
        new LaneSummary(2, 1, 0, SHA_B)));
  }

  static ResumeState resumeState() {
    return new ResumeState(STREAM_ID, StreamStatus.RECEIVING, null, List.of(
        new LaneProgress(0, 41), new LaneProgress(1, LaneProgress.NONE_ACKED)));
  }

  /** One example of each kind, in the order of DESIGN.md's table. */
  static List<ControlMessage> oneOfEachKind() {
    return List.of(
        streamInit(),
        new StreamInit(STREAM_ID, secret(), minimalMetadata()),
        new StreamAccept(STREAM_ID),
        new StreamDecline(STREAM_ID, "not now"),
        streamFinish(),
        StreamFinished.success(STREAM_ID),
        StreamFinished.failed(STREAM_ID, FinishFailure.LANE_SHA256_MISMATCH),
        new StreamAbort(STREAM_ID, "user cancelled"),
        new ResumeQuery(STREAM_ID),
        resumeState(),
        new ResumeState(STREAM_ID, StreamStatus.DECLINED, "busy", List.of()),
        new WebRtcOffer(SESSION_ID, "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n"),
        new WebRtcAnswer(SESSION_ID, "v=0\r\n"),
        new UnknownControlMessage("shade.future-thing/v9"));
  }

  static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** Single quotes stand for double quotes, so that JSON in tests stays readable. */
  static byte[] json(String singleQuoted) {
    return utf8(singleQuoted.replace('\'', '"'));
  }

  /** Equal as messages: records by equals, a StreamInit's secret by content. */
  static void assertSameMessage(ControlMessage expected, ControlMessage actual) {
    if (expected instanceof StreamInit e) {
      StreamInit a = assertInstanceOf(StreamInit.class, actual);
      assertEquals(e.streamId(), a.streamId());
      assertEquals(e.metadata(), a.metadata());
      assertTrue(e.streamSecret().equalsSecret(a.streamSecret()), "stream secrets differ");
    } else {
      assertEquals(expected, actual);
    }
  }

  static boolean sameMessage(ControlMessage expected, ControlMessage actual) {
    if (expected instanceof StreamInit e && actual instanceof StreamInit a) {
      return e.streamId().equals(a.streamId()) && e.metadata().equals(a.metadata())
          && e.streamSecret().equalsSecret(a.streamSecret());
    }
    return expected.equals(actual);
  }

  static String repeatCodePoint(int codePoint, int count) {
    int[] cps = new int[count];
    Arrays.fill(cps, codePoint);
    return new String(cps, 0, count);
  }
}
