package dev.shade.streams;

import static dev.shade.streams.ControlMessages.SESSION_ID;
import static dev.shade.streams.ControlMessages.SHA_A;
import static dev.shade.streams.ControlMessages.STREAM_ID;
import static dev.shade.streams.ControlMessages.repeatCodePoint;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The records refuse what DESIGN.md's limits refuse, naming the field relative to themselves. */
class ControlMessageRecordsTest {

  private static void assertRefused(String field, Executable construction) {
    ShadeFormatException e = assertThrows(ShadeFormatException.class, construction);
    assertEquals(field, e.field(), e.getMessage());
    assertEquals(ErrorCode.MALFORMED, e.errorCode());
  }

  private static StreamMetadata metadata(Long totalBytes, int chunkSize, Partition partition,
      int lanes, int window) {
    return new StreamMetadata(totalBytes, chunkSize, 0, partition, lanes, window, null, null);
  }

  private static StreamMetadata withUserMetadata(Map<String, String> user) {
    return new StreamMetadata(null, 1024, 0, Partition.ROUND_ROBIN, 1, 1, null, user);
  }

  @Test
  void metadataLimitsAreCheckedAtBothEdges() {
    assertDoesNotThrow(() -> metadata(0L, 1024, Partition.RANGE, 1, 1));
    assertDoesNotThrow(() -> metadata(ControlLimits.MAX_JSON_SAFE_INTEGER, 16 * 1024 * 1024,
        Partition.RANGE, 64, 64));
    assertRefused("totalBytes", () -> metadata(-1L, 1024, Partition.RANGE, 1, 1));
    assertRefused("totalBytes",
        () -> metadata(ControlLimits.MAX_JSON_SAFE_INTEGER + 1, 1024, Partition.RANGE, 1, 1));
    assertRefused("chunkSize", () -> metadata(1L, 1023, Partition.RANGE, 1, 1));
    assertRefused("chunkSize", () -> metadata(1L, 16 * 1024 * 1024 + 1, Partition.RANGE, 1, 1));
    assertRefused("lanes", () -> metadata(1L, 1024, Partition.RANGE, 0, 1));
    assertRefused("lanes", () -> metadata(1L, 1024, Partition.RANGE, 65, 1));
    assertRefused("window", () -> metadata(1L, 1024, Partition.RANGE, 1, 0));
    assertRefused("window", () -> metadata(1L, 1024, Partition.RANGE, 1, 65));
    assertRefused("partition", () -> metadata(1L, 1024, null, 1, 1));
    assertRefused("sentAt",
        () -> new StreamMetadata(1L, 1024, -1, Partition.RANGE, 1, 1, null, null));
  }

  @Test
  void rangeNeedsAKnownSizeButRoundRobinDoesNot() {
    assertRefused("totalBytes", () -> metadata(null, 1024, Partition.RANGE, 4, 4));
    assertDoesNotThrow(() -> metadata(null, 1024, Partition.ROUND_ROBIN, 4, 4));
  }

  @Test
  void userMetadataLimitsCountCodePoints() {
    Map<String, String> atLimit = new LinkedHashMap<>();
    for (int i = 0; i < 31; i++) {
      atLimit.put("k" + i, "v");
    }
    atLimit.put(repeatCodePoint(0x1F600, 64), repeatCodePoint(0x1F600, 1024));
    assertEquals(32, withUserMetadata(atLimit).userMetadata().size());

    Map<String, String> tooMany = new HashMap<>(atLimit);
    tooMany.put("one-more", "v");
    assertRefused("userMetadata", () -> withUserMetadata(tooMany));
    assertRefused("userMetadata.(field)",
        () -> withUserMetadata(Map.of(repeatCodePoint(0x1F600, 65), "v")));
    assertRefused("userMetadata.note",
        () -> withUserMetadata(Map.of("note", repeatCodePoint('a', 1025))));
    assertRefused("userMetadata.note", () -> withUserMetadata(Map.of("note", "\uD800")));
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("note", null);
    assertRefused("userMetadata.note", () -> withUserMetadata(nullValue));
  }

  @Test
  void userMetadataIsCopiedUnmodifiableAndInOrder() {
    Map<String, String> user = new LinkedHashMap<>();
    user.put("z", "1");
    user.put("a", "2");
    StreamMetadata m = withUserMetadata(user);
    user.put("added", "later");
    assertEquals(List.of("z", "a"), new ArrayList<>(m.userMetadata().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> m.userMetadata().put("b", "3"));
  }

  @Test
  void thumbnailStreamsAreMarkedInUserMetadata() {
    assertTrue(withUserMetadata(Map.of(StreamMetadata.THUMBNAIL_MARKER_KEY, "1")).isThumbnail());
    assertFalse(withUserMetadata(Map.of(StreamMetadata.THUMBNAIL_MARKER_KEY, "0")).isThumbnail());
    assertFalse(withUserMetadata(null).isThumbnail());
  }

  @Test
  void streamInitNeedsA32ByteSecret() {
    StreamMetadata m = ControlMessages.minimalMetadata();
    assertRefused("streamSecret",
        () -> new StreamInit(STREAM_ID, SecretBytes.copyOf(new byte[31]), m));
    assertRefused("streamSecret", () -> new StreamInit(STREAM_ID, null, m));
    assertRefused("streamId", () -> new StreamInit(null, ControlMessages.secret(), m));
    assertRefused("metadata", () -> new StreamInit(STREAM_ID, ControlMessages.secret(), null));
  }

  @Test
  void streamInitNeverPrintsItsSecret() {
    StreamInit init = ControlMessages.streamInit();
    byte[] secret = init.streamSecret().toByteArray();
    String printed = init.toString();
    assertFalse(printed.contains(Base64Url.encode(secret)), printed);
    assertFalse(printed.contains(Arrays.toString(secret)), printed);
    assertTrue(printed.contains("redacted"), printed);
    assertTrue(printed.contains(STREAM_ID.toBase64Url()), printed);
  }

  @Test
  void reasonsAreLimitedTo1024CodePoints() {
    String astral = repeatCodePoint(0x1F680, 1024);
    assertEquals(2048, astral.length());
    assertDoesNotThrow(() -> new StreamDecline(STREAM_ID, astral));
    assertDoesNotThrow(() -> new StreamAbort(STREAM_ID, ""));
    assertRefused("reason", () -> new StreamDecline(STREAM_ID, astral + "x"));
    assertRefused("reason", () -> new StreamAbort(STREAM_ID, repeatCodePoint('a', 1025)));
    assertRefused("reason", () -> new StreamDecline(STREAM_ID, null));
    assertRefused("reason", () -> new StreamAbort(STREAM_ID, "broken \uDC00 pair"));
  }

  @Test
  void finishListsEachLaneOnceInOrder() {
    LaneSummary lane0 = new LaneSummary(0, 1, 0, SHA_A);
    LaneSummary lane1 = new LaneSummary(1, 1, 0, SHA_A);
    assertEquals(2, new StreamFinish(STREAM_ID, 0, SHA_A, List.of(lane0, lane1)).lanes().size());
    assertRefused("lanes", () -> new StreamFinish(STREAM_ID, 0, SHA_A, List.of()));
    assertRefused("lanes[0].laneId", () -> new StreamFinish(STREAM_ID, 0, SHA_A, List.of(lane1)));
    assertRefused("lanes[1].laneId",
        () -> new StreamFinish(STREAM_ID, 0, SHA_A, List.of(lane0, lane0)));
    List<LaneSummary> withNull = new ArrayList<>();
    withNull.add(lane0);
    withNull.add(null);
    assertRefused("lanes[1]", () -> new StreamFinish(STREAM_ID, 0, SHA_A, withNull));
    List<LaneSummary> lanes = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      lanes.add(new LaneSummary(i, 1, 0, SHA_A));
    }
    assertEquals(64, new StreamFinish(STREAM_ID, 0, SHA_A, lanes).lanes().size());
    lanes.add(lane0);
    assertRefused("lanes", () -> new StreamFinish(STREAM_ID, 0, SHA_A, lanes));
  }

  @Test
  void finishLanesAreCopied() {
    List<LaneSummary> lanes = new ArrayList<>(List.of(new LaneSummary(0, 1, 0, SHA_A)));
    StreamFinish finish = new StreamFinish(STREAM_ID, 0, SHA_A, lanes);
    lanes.add(new LaneSummary(1, 1, 0, SHA_A));
    assertEquals(1, finish.lanes().size());
    assertThrows(UnsupportedOperationException.class, () -> finish.lanes().clear());
  }

  @Test
  void laneSummariesAreChecked() {
    assertRefused("laneId", () -> new LaneSummary(-1, 1, 0, SHA_A));
    assertRefused("laneId", () -> new LaneSummary(64, 1, 0, SHA_A));
    assertRefused("chunks", () -> new LaneSummary(0, -1, 0, SHA_A));
    assertRefused("bytes", () -> new LaneSummary(0, 1, 1L << 53, SHA_A));
    assertRefused("sha256", () -> new LaneSummary(0, 1, 0, SHA_A.toUpperCase()));
    assertRefused("sha256", () -> new LaneSummary(0, 1, 0, null));
  }

  @Test
  void finishedCarriesAFailureExactlyWhenNotOk() {
    assertRefused("failure", () -> new StreamFinished(STREAM_ID, false, null));
    assertRefused("failure",
        () -> new StreamFinished(STREAM_ID, true, FinishFailure.TOTAL_BYTES_MISMATCH));
    assertEquals(FinishFailure.LANE_SHA256_MISMATCH,
        FinishFailure.of(TransferIntegrityError.Check.LANE_SHA256));
    assertThrows(IllegalArgumentException.class,
        () -> FinishFailure.of(TransferIntegrityError.Check.TRUNCATED));
  }

  @Test
  void laneProgressAllowsMinusOneForNothingAcked() {
    assertDoesNotThrow(() -> new LaneProgress(0, -1));
    assertDoesNotThrow(() -> new LaneProgress(63, ControlLimits.MAX_JSON_SAFE_INTEGER));
    assertRefused("lastSeqAcked", () -> new LaneProgress(0, -2));
    assertRefused("lastSeqAcked", () -> new LaneProgress(0, 1L << 53));
    assertRefused("laneId", () -> new LaneProgress(64, 0));
  }

  @Test
  void resumeStateNeedsAReasonWhenDeclinedOrAborted() {
    assertRefused("reason", () -> new ResumeState(STREAM_ID, StreamStatus.DECLINED, null,
        List.of()));
    assertRefused("reason", () -> new ResumeState(STREAM_ID, StreamStatus.ABORTED, null,
        List.of()));
    assertDoesNotThrow(() -> new ResumeState(STREAM_ID, StreamStatus.PENDING, null, List.of()));
    assertDoesNotThrow(() -> new ResumeState(STREAM_ID, StreamStatus.COMPLETE, "done", List.of()));
    assertRefused("status", () -> new ResumeState(STREAM_ID, null, null, List.of()));
    assertRefused("lanes[0].laneId", () -> new ResumeState(STREAM_ID, StreamStatus.RECEIVING,
        null, List.of(new LaneProgress(1, 0))));
  }

  @Test
  void webRtcSignalsNeedACanonicalSessionIdAndAnSdp() {
    assertDoesNotThrow(() -> new WebRtcOffer(Base64Url.encode(new byte[1]), "v=0"));
    assertDoesNotThrow(() -> new WebRtcAnswer(Base64Url.encode(new byte[64]),
        repeatCodePoint('a', ControlLimits.MAX_SDP_CODE_POINTS)));
    assertRefused("sessionId", () -> new WebRtcOffer(Base64Url.encode(new byte[65]), "v=0"));
    assertRefused("sessionId", () -> new WebRtcOffer("", "v=0"));
    assertRefused("sessionId", () -> new WebRtcOffer("AA==", "v=0"));
    assertRefused("sessionId", () -> new WebRtcAnswer(null, "v=0"));
    assertRefused("sdp", () -> new WebRtcOffer(SESSION_ID, ""));
    assertRefused("sdp", () -> new WebRtcAnswer(SESSION_ID,
        repeatCodePoint('a', ControlLimits.MAX_SDP_CODE_POINTS + 1)));
  }

  @Test
  void unknownMessagesCannotPretendToBeKnown() {
    assertRefused("kind", () -> new UnknownControlMessage(StreamInit.KIND));
    assertRefused("kind", () -> new UnknownControlMessage(null));
    assertEquals("x", new UnknownControlMessage("x").kind());
  }

  @Test
  void fileMetadataChecksOnlyForm() {
    assertDoesNotThrow(() -> new FileMetadata("..", "not a type", null, "XYZ", "image/gif",
        1_000_000L));
    assertRefused("thumbnailBytes", () -> new FileMetadata(null, null, null, null, null, -1L));
    assertRefused("filename", () -> new FileMetadata("a\uD800", null, null, null, null, null));
  }

  @Test
  void everyMessageHasItsKind() {
    for (ControlMessage m : ControlMessages.oneOfEachKind()) {
      assertTrue(m.kind().startsWith("shade."), m.kind());
    }
    assertEquals("shade.stream-resume-state/v1", ControlMessages.resumeState().kind());
  }
}
