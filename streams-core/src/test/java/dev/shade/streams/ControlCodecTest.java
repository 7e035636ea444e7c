package dev.shade.streams;

import static dev.shade.streams.ControlMessages.SESSION_ID;
import static dev.shade.streams.ControlMessages.SHA_A;
import static dev.shade.streams.ControlMessages.SHA_B;
import static dev.shade.streams.ControlMessages.STREAM_ID;
import static dev.shade.streams.ControlMessages.THUMBNAIL_ID;
import static dev.shade.streams.ControlMessages.assertSameMessage;
import static dev.shade.streams.ControlMessages.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ControlCodecTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode tree(ControlMessage message) throws IOException {
    return JSON.readTree(ControlCodec.encode(message));
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void everyKindRoundTrips() {
    for (ControlMessage message : ControlMessages.oneOfEachKind()) {
      assertSameMessage(message, ControlCodec.decode(ControlCodec.encode(message)));
    }
  }

  @Test
  void encodingIsStableAcrossARoundTrip() {
    for (ControlMessage message : ControlMessages.oneOfEachKind()) {
      byte[] once = ControlCodec.encode(message);
      assertEquals(new String(once, StandardCharsets.UTF_8),
          new String(ControlCodec.encode(ControlCodec.decode(once)), StandardCharsets.UTF_8));
    }
  }

  @Test
  void streamInitHasDesignFieldNames() throws IOException {
    JsonNode t = tree(ControlMessages.streamInit());
    assertEquals(Set.of("kind", "streamId", "streamSecret", "metadata"), fieldNames(t));
    assertEquals("shade.stream-init/v1", t.get("kind").textValue());
    assertEquals(STREAM_ID.toBase64Url(), t.get("streamId").textValue());
    assertEquals(Base64Url.encode(ControlMessages.bytes(32, 0x20)),
        t.get("streamSecret").textValue());
    JsonNode m = t.get("metadata");
    assertEquals(Set.of("totalBytes", "chunkSize", "sentAt", "partition", "lanes", "window",
        "fileMetadata", "userMetadata"), fieldNames(m));
    assertEquals(123_456_789L, m.get("totalBytes").longValue());
    assertEquals(1 << 20, m.get("chunkSize").intValue());
    assertEquals(1_700_000_000_000L, m.get("sentAt").longValue());
    assertEquals("range", m.get("partition").textValue());
    assertEquals(4, m.get("lanes").intValue());
    assertEquals(4, m.get("window").intValue());
    JsonNode f = m.get("fileMetadata");
    assertEquals(Set.of("filename", "mimeType", "thumbnailStreamId", "thumbnailHash",
        "thumbnailMime", "thumbnailBytes"), fieldNames(f));
    assertEquals("report 2024.pdf", f.get("filename").textValue());
    assertEquals("application/pdf", f.get("mimeType").textValue());
    assertEquals(THUMBNAIL_ID.toBase64Url(), f.get("thumbnailStreamId").textValue());
    assertEquals(SHA_B, f.get("thumbnailHash").textValue());
    assertEquals("image/png", f.get("thumbnailMime").textValue());
    assertEquals(4096, f.get("thumbnailBytes").intValue());
    assertEquals("déjà vu 🎉", m.get("userMetadata").get("project").textValue());
    assertEquals("1", m.get("userMetadata").get("shadeThumbnail").textValue());
  }

  @Test
  void unknownSizeIsWrittenAsNullAndOtherAbsentFieldsAreLeftOut() throws IOException {
    JsonNode m = tree(new StreamInit(STREAM_ID, ControlMessages.secret(),
        ControlMessages.minimalMetadata())).get("metadata");
    assertEquals(Set.of("totalBytes", "chunkSize", "sentAt", "partition", "lanes", "window"),
        fieldNames(m));
    assertTrue(m.get("totalBytes").isNull());
    assertEquals("round-robin", m.get("partition").textValue());
  }

  @Test
  void emptyFileMetadataIsAnEmptyObject() throws IOException {
    StreamMetadata metadata = new StreamMetadata(5L, 1024, 0, Partition.RANGE, 1, 1,
        new FileMetadata(null, null, null, null, null, null), null);
    JsonNode m = tree(new StreamInit(STREAM_ID, ControlMessages.secret(), metadata))
        .get("metadata");
    assertTrue(m.get("fileMetadata").isObject());
    assertEquals(0, m.get("fileMetadata").size());
  }

  @Test
  void acceptQueryDeclineAndAbortHaveDesignFieldNames() throws IOException {
    assertEquals(Set.of("kind", "streamId"), fieldNames(tree(new StreamAccept(STREAM_ID))));
    assertEquals("shade.stream-accept/v1", tree(new StreamAccept(STREAM_ID)).get("kind").asText());
    assertEquals(Set.of("kind", "streamId"), fieldNames(tree(new ResumeQuery(STREAM_ID))));
    assertEquals("shade.stream-resume-query/v1",
        tree(new ResumeQuery(STREAM_ID)).get("kind").asText());
    JsonNode decline = tree(new StreamDecline(STREAM_ID, "too big"));
    assertEquals(Set.of("kind", "streamId", "reason"), fieldNames(decline));
    assertEquals("shade.stream-decline/v1", decline.get("kind").asText());
    assertEquals("too big", decline.get("reason").asText());
    JsonNode abort = tree(new StreamAbort(STREAM_ID, "cancelled"));
    assertEquals(Set.of("kind", "streamId", "reason"), fieldNames(abort));
    assertEquals("shade.stream-abort/v1", abort.get("kind").asText());
  }

  @Test
  void streamFinishHasDesignFieldNames() throws IOException {
    JsonNode t = tree(ControlMessages.streamFinish());
    assertEquals(Set.of("kind", "streamId", "totalBytes", "sha256", "lanes"), fieldNames(t));
    assertEquals("shade.stream-finish/v1", t.get("kind").asText());
    assertEquals(3000, t.get("totalBytes").longValue());
    assertEquals(SHA_A, t.get("sha256").asText());
    assertTrue(t.get("lanes").isArray());
    assertEquals(3, t.get("lanes").size());
    JsonNode lane1 = t.get("lanes").get(1);
    assertEquals(Set.of("laneId", "chunks", "bytes", "sha256"), fieldNames(lane1));
    assertEquals(1, lane1.get("laneId").intValue());
    assertEquals(2, lane1.get("chunks").longValue());
    assertEquals(1976, lane1.get("bytes").longValue());
    assertEquals(SHA_A, lane1.get("sha256").asText());
  }

  @Test
  void streamFinishedCarriesFailureOnlyWhenNotOk() throws IOException {
    JsonNode ok = tree(StreamFinished.success(STREAM_ID));
    assertEquals(Set.of("kind", "streamId", "ok"), fieldNames(ok));
    assertEquals("shade.stream-finished/v1", ok.get("kind").asText());
    assertTrue(ok.get("ok").booleanValue());
    for (FinishFailure failure : FinishFailure.values()) {
      JsonNode failed = tree(StreamFinished.failed(STREAM_ID, failure));
      assertEquals(Set.of("kind", "streamId", "ok", "failure"), fieldNames(failed));
      assertFalse(failed.get("ok").booleanValue());
      assertEquals(failure.wireName(), failed.get("failure").asText());
    }
    assertEquals("overall_sha256_mismatch", FinishFailure.OVERALL_SHA256_MISMATCH.wireName());
    assertEquals("lane_sha256_mismatch", FinishFailure.LANE_SHA256_MISMATCH.wireName());
    assertEquals("total_bytes_mismatch", FinishFailure.TOTAL_BYTES_MISMATCH.wireName());
    assertEquals("lane_count_mismatch", FinishFailure.LANE_COUNT_MISMATCH.wireName());
  }

  @Test
  void resumeStateHasDesignFieldNames() throws IOException {
    JsonNode t = tree(ControlMessages.resumeState());
    assertEquals(Set.of("kind", "streamId", "status", "lanes"), fieldNames(t));
    assertEquals("shade.stream-resume-state/v1", t.get("kind").asText());
    assertEquals("receiving", t.get("status").asText());
    assertEquals(Set.of("laneId", "lastSeqAcked"), fieldNames(t.get("lanes").get(0)));
    assertEquals(41, t.get("lanes").get(0).get("lastSeqAcked").longValue());
    assertEquals(-1, t.get("lanes").get(1).get("lastSeqAcked").longValue());
    JsonNode declined =
        tree(new ResumeState(STREAM_ID, StreamStatus.DECLINED, "busy", List.of()));
    assertEquals("busy", declined.get("reason").asText());
    assertEquals(0, declined.get("lanes").size());
  }

  @Test
  void everyStatusHasItsWireName() {
    List<String> names = new ArrayList<>();
    for (StreamStatus s : StreamStatus.values()) {
      names.add(s.wireName());
      assertEquals(s, StreamStatus.fromWireName(s.wireName()));
    }
    assertEquals(List.of("pending", "accepted", "declined", "receiving", "complete", "aborted"),
        names);
  }

  @Test
  void webRtcSignalsHaveDesignFieldNames() throws IOException {
    JsonNode offer = tree(new WebRtcOffer(SESSION_ID, "v=0\r\n"));
    assertEquals(Set.of("kind", "sessionId", "sdp"), fieldNames(offer));
    assertEquals("shade.webrtc-offer/v1", offer.get("kind").asText());
    assertEquals(SESSION_ID, offer.get("sessionId").asText());
    assertEquals("v=0\r\n", offer.get("sdp").asText());
    JsonNode answer = tree(new WebRtcAnswer(SESSION_ID, "v=0\r\n"));
    assertEquals(Set.of("kind", "sessionId", "sdp"), fieldNames(answer));
    assertEquals("shade.webrtc-answer/v1", answer.get("kind").asText());
  }

  @Test
  void unknownKindDecodesAsUnknownRatherThanFailing() {
    ControlMessage m = ControlCodec.decode(json("{'kind':'shade.telepathy/v1','mind':[1,2.5]}"));
    assertEquals(new UnknownControlMessage("shade.telepathy/v1"), m);
  }

  @Test
  void unknownFieldsAreIgnored() {
    ControlMessage m = ControlCodec.decode(json("{'kind':'shade.stream-accept/v1','streamId':'"
        + STREAM_ID.toBase64Url() + "','extra':{'deep':[1,2.5,null]},'more':1.5}"));
    assertEquals(new StreamAccept(STREAM_ID), m);
  }

  @Test
  void optionalFieldsMayBeNull() {
    String json = "{'kind':'shade.stream-init/v1','streamId':'" + STREAM_ID.toBase64Url()
        + "','streamSecret':'" + Base64Url.encode(ControlMessages.bytes(32, 0x20))
        + "','metadata':{'totalBytes':null,'chunkSize':1024,'sentAt':0,"
        + "'partition':'round-robin','lanes':1,'window':1,'fileMetadata':null,"
        + "'userMetadata':null}}";
    assertSameMessage(new StreamInit(STREAM_ID, ControlMessages.secret(),
        ControlMessages.minimalMetadata()), ControlCodec.decode(json(json)));
  }

  @Test
  void totalBytesMayBeAbsentForRoundRobin() {
    String json = "{'kind':'shade.stream-init/v1','streamId':'" + STREAM_ID.toBase64Url()
        + "','streamSecret':'" + Base64Url.encode(ControlMessages.bytes(32, 0x20))
        + "','metadata':{'chunkSize':1024,'sentAt':0,'partition':'round-robin','lanes':1,"
        + "'window':1}}";
    StreamInit init = assertInstanceOf(StreamInit.class, ControlCodec.decode(json(json)));
    assertEquals(null, init.metadata().totalBytes());
  }

  @Test
  void fileMetadataThatBreaksTheRulesStillDecodesSoTheReceiverCanDecline() {
    String json = "{'kind':'shade.stream-init/v1','streamId':'" + STREAM_ID.toBase64Url()
        + "','streamSecret':'" + Base64Url.encode(ControlMessages.bytes(32, 0x20))
        + "','metadata':{'totalBytes':1,'chunkSize':1024,'sentAt':0,'partition':'range',"
        + "'lanes':1,'window':1,'fileMetadata':{'filename':'..','thumbnailMime':'image/gif'}}}";
    StreamInit init = assertInstanceOf(StreamInit.class, ControlCodec.decode(json(json)));
    assertEquals("fileMetadata.filename: must not be . or ..",
        FileMetadataRules.firstViolation(init.metadata().fileMetadata()).orElseThrow()
            .declineReason());
  }

  @Test
  void largestIntegersSurviveTheRoundTrip() {
    long max = ControlLimits.MAX_JSON_SAFE_INTEGER;
    StreamFinish finish = new StreamFinish(STREAM_ID, max, SHA_A,
        List.of(new LaneSummary(0, max, max, SHA_B)));
    assertEquals(finish, ControlCodec.decode(ControlCodec.encode(finish)));
  }

  @Test
  void nonAsciiTextIsWrittenAsUtf8() {
    StreamDecline decline = new StreamDecline(STREAM_ID, "zu groß 🙅 \u0000 \"quoted\"");
    byte[] json = ControlCodec.encode(decline);
    assertTrue(new String(json, StandardCharsets.UTF_8).contains("zu groß 🙅"));
    assertEquals(decline, ControlCodec.decode(json));
  }

  @Test
  void encodingRefusesAMessageOverTheCap() {
    String sdp = "a".repeat(ControlLimits.MAX_SDP_CODE_POINTS);
    ControlMessageTooLargeException e = org.junit.jupiter.api.Assertions.assertThrows(
        ControlMessageTooLargeException.class,
        () -> ControlCodec.encode(new WebRtcOffer(SESSION_ID, sdp)));
    assertEquals(ErrorCode.TOO_LARGE, e.errorCode());
    assertEquals("body", e.field());
  }
}
