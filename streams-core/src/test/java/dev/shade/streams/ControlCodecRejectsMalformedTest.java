package dev.shade.streams;

import static dev.shade.streams.ControlMessages.SESSION_ID;
import static dev.shade.streams.ControlMessages.STREAM_ID;
import static dev.shade.streams.ControlMessages.json;
import static dev.shade.streams.ControlMessages.repeatCodePoint;
import static dev.shade.streams.ControlMessages.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each way a control message can be malformed, and the field the error names. */
class ControlCodecRejectsMalformedTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TWO_POW_53 = 1L << 53;

  /** The encoded form of {@code message}, changed by {@code change}, as bytes. */
  private static byte[] mutated(ControlMessage message, Consumer<ObjectNode> change) {
    try {
      ObjectNode tree = (ObjectNode) JSON.readTree(ControlCodec.encode(message));
      change.accept(tree);
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode obj(JsonNode root, String pointer) {
    return (ObjectNode) root.at(pointer);
  }

  private static ShadeFormatException assertRejected(byte[] json, String field) {
    ShadeFormatException e =
        assertThrows(ShadeFormatException.class, () -> ControlCodec.decode(json));
    assertEquals(field, e.field(), e.getMessage());
    return e;
  }

  private static Arguments init(String what, String field, Consumer<ObjectNode> change) {
    return arguments(what, field, mutated(ControlMessages.streamInit(), change));
  }

  private static Arguments meta(String what, String field, Consumer<ObjectNode> change) {
    return init(what, field, t -> change.accept(obj(t, "/metadata")));
  }

  private static Arguments finish(String what, String field, Consumer<ObjectNode> change) {
    return arguments(what, field, mutated(ControlMessages.streamFinish(), change));
  }

  private static Arguments state(String what, String field, Consumer<ObjectNode> change) {
    return arguments(what, field, mutated(ControlMessages.resumeState(), change));
  }

  static Stream<Arguments> wrongTypes() {
    return Stream.of(
        init("kind is a number", "kind", t -> t.put("kind", 1)),
        init("streamId is a number", "streamId", t -> t.put("streamId", 7)),
        init("metadata is a string", "metadata", t -> t.put("metadata", "{}")),
        init("metadata is an array", "metadata", t -> t.putArray("metadata")),
        meta("lanes is a string", "metadata.lanes", m -> m.put("lanes", "4")),
        meta("chunkSize is a boolean", "metadata.chunkSize", m -> m.put("chunkSize", true)),
        meta("partition is a number", "metadata.partition", m -> m.put("partition", 0)),
        meta("userMetadata is an array", "metadata.userMetadata",
            m -> m.putArray("userMetadata").add("x")),
        meta("a userMetadata value is a number", "metadata.userMetadata.project",
            m -> obj(m, "/userMetadata").put("project", 1)),
        meta("fileMetadata is a string", "metadata.fileMetadata",
            m -> m.put("fileMetadata", "a.txt")),
        meta("filename is a number", "metadata.fileMetadata.filename",
            m -> obj(m, "/fileMetadata").put("filename", 3)),
        meta("thumbnailBytes is a string", "metadata.fileMetadata.thumbnailBytes",
            m -> obj(m, "/fileMetadata").put("thumbnailBytes", "4096")),
        finish("lanes is an object", "lanes", t -> t.putObject("lanes")),
        finish("a lane is a number", "lanes[1]", t -> ((ArrayNode) t.get("lanes")).set(1, 5)),
        finish("a lane's chunks is a string", "lanes[0].chunks",
            t -> obj(t, "/lanes/0").put("chunks", "2")),
        arguments("ok is a string", "ok", mutated(StreamFinished.success(STREAM_ID),
            t -> t.put("ok", "true"))),
        arguments("ok is a number", "ok", mutated(StreamFinished.success(STREAM_ID),
            t -> t.put("ok", 1))),
        state("status is a number", "status", t -> t.put("status", 3)),
        state("lastSeqAcked is a string", "lanes[1].lastSeqAcked",
            t -> obj(t, "/lanes/1").put("lastSeqAcked", "-1")),
        arguments("reason is an object", "reason", mutated(new StreamDecline(STREAM_ID, "x"),
            t -> t.putObject("reason"))),
        arguments("sdp is an array", "sdp", mutated(new WebRtcOffer(SESSION_ID, "v=0"),
            t -> t.putArray("sdp"))));
  }

  static Stream<Arguments> negativesAndFractions() {
    return Stream.of(
        meta("negative totalBytes", "metadata.totalBytes", m -> m.put("totalBytes", -1)),
        meta("negative sentAt", "metadata.sentAt", m -> m.put("sentAt", -1)),
        meta("negative thumbnailBytes", "metadata.fileMetadata.thumbnailBytes",
            m -> obj(m, "/fileMetadata").put("thumbnailBytes", -1)),
        finish("negative totalBytes", "totalBytes", t -> t.put("totalBytes", -5)),
        finish("negative lane bytes", "lanes[0].bytes", t -> obj(t, "/lanes/0").put("bytes", -1)),
        finish("negative chunks", "lanes[2].chunks", t -> obj(t, "/lanes/2").put("chunks", -1)),
        finish("negative laneId", "lanes[0].laneId", t -> obj(t, "/lanes/0").put("laneId", -1)),
        state("lastSeqAcked below -1", "lanes[0].lastSeqAcked",
            t -> obj(t, "/lanes/0").put("lastSeqAcked", -2)),
        meta("fractional lanes", "metadata.lanes", m -> m.put("lanes", 1.5)),
        meta("integral-valued float lanes", "metadata.lanes", m -> m.put("lanes", 4.0)),
        meta("fractional totalBytes", "metadata.totalBytes", m -> m.put("totalBytes", 10.25)),
        finish("float totalBytes 3000.0", "totalBytes", t -> t.put("totalBytes", 3000.0)),
        state("fractional lastSeqAcked", "lanes[0].lastSeqAcked",
            t -> obj(t, "/lanes/0").put("lastSeqAcked", 0.5)),
        meta("integer beyond long", "metadata.totalBytes",
            m -> m.put("totalBytes", new BigInteger("123456789012345678901234567890"))),
        meta("integer beyond int", "metadata.chunkSize", m -> m.put("chunkSize", 1L << 32)));
  }

  static Stream<Arguments> missingFields() {
    return Stream.of(
        init("kind", "kind", t -> t.remove("kind")),
        init("streamId", "streamId", t -> t.remove("streamId")),
        init("streamSecret", "streamSecret", t -> t.remove("streamSecret")),
        init("metadata", "metadata", t -> t.remove("metadata")),
        init("null metadata", "metadata", t -> t.putNull("metadata")),
        init("null streamId", "streamId", t -> t.putNull("streamId")),
        meta("chunkSize", "metadata.chunkSize", m -> m.remove("chunkSize")),
        meta("sentAt", "metadata.sentAt", m -> m.remove("sentAt")),
        meta("partition", "metadata.partition", m -> m.remove("partition")),
        meta("lanes", "metadata.lanes", m -> m.remove("lanes")),
        meta("window", "metadata.window", m -> m.remove("window")),
        finish("totalBytes", "totalBytes", t -> t.remove("totalBytes")),
        finish("null totalBytes", "totalBytes", t -> t.putNull("totalBytes")),
        finish("sha256", "sha256", t -> t.remove("sha256")),
        finish("lanes", "lanes", t -> t.remove("lanes")),
        finish("a lane's sha256", "lanes[1].sha256", t -> obj(t, "/lanes/1").remove("sha256")),
        finish("a lane's laneId", "lanes[2].laneId", t -> obj(t, "/lanes/2").remove("laneId")),
        arguments("ok", "ok", mutated(StreamFinished.success(STREAM_ID), t -> t.remove("ok"))),
        arguments("failure when not ok", "failure",
            mutated(StreamFinished.failed(STREAM_ID, FinishFailure.LANE_COUNT_MISMATCH),
                t -> t.remove("failure"))),
        state("status", "status", t -> t.remove("status")),
        state("lanes", "lanes", t -> t.remove("lanes")),
        state("lastSeqAcked", "lanes[0].lastSeqAcked",
            t -> obj(t, "/lanes/0").remove("lastSeqAcked")),
        arguments("reason of a declined state", "reason",
            mutated(new ResumeState(STREAM_ID, StreamStatus.DECLINED, "busy", java.util.List.of()),
                t -> t.remove("reason"))),
        arguments("decline reason", "reason",
            mutated(new StreamDecline(STREAM_ID, "x"), t -> t.remove("reason"))),
        arguments("abort reason", "reason",
            mutated(new StreamAbort(STREAM_ID, "x"), t -> t.remove("reason"))),
        arguments("accept streamId", "streamId",
            mutated(new StreamAccept(STREAM_ID), t -> t.remove("streamId"))),
        arguments("query streamId", "streamId",
            mutated(new ResumeQuery(STREAM_ID), t -> t.remove("streamId"))),
        arguments("offer sdp", "sdp",
            mutated(new WebRtcOffer(SESSION_ID, "v=0"), t -> t.remove("sdp"))),
        arguments("answer sessionId", "sessionId",
            mutated(new WebRtcAnswer(SESSION_ID, "v=0"), t -> t.remove("sessionId"))));
  }

  static Stream<Arguments> badBase64Url() {
    String id = STREAM_ID.toBase64Url();
    String secret = Base64Url.encode(ControlMessages.bytes(32, 0x20));
    return Stream.of(
        init("padded streamId", "streamId", t -> t.put("streamId", id + "==")),
        init("streamId with +", "streamId", t -> t.put("streamId", "+" + id.substring(1))),
        init("standard-alphabet streamId", "streamId",
            t -> t.put("streamId", id.substring(0, 21) + "/")),
        init("non-canonical trailing bits", "streamId",
            t -> t.put("streamId", id.substring(0, 21) + "B")),
        init("streamId of 15 bytes", "streamId",
            t -> t.put("streamId", Base64Url.encode(new byte[15]))),
        init("empty streamId", "streamId", t -> t.put("streamId", "")),
        init("streamSecret of 31 bytes", "streamSecret",
            t -> t.put("streamSecret", Base64Url.encode(new byte[31]))),
        init("streamSecret of 33 bytes", "streamSecret",
            t -> t.put("streamSecret", Base64Url.encode(new byte[33]))),
        init("padded streamSecret", "streamSecret", t -> t.put("streamSecret", secret + "=")),
        init("streamSecret with whitespace", "streamSecret",
            t -> t.put("streamSecret", secret.substring(0, 20) + " " + secret.substring(21))),
        meta("bad thumbnailStreamId", "metadata.fileMetadata.thumbnailStreamId",
            m -> obj(m, "/fileMetadata").put("thumbnailStreamId", "not an id")),
        arguments("padded sessionId", "sessionId",
            mutated(new WebRtcOffer(SESSION_ID, "v=0"), t -> t.put("sessionId", SESSION_ID + "=="))),
        arguments("empty sessionId", "sessionId",
            mutated(new WebRtcAnswer(SESSION_ID, "v=0"), t -> t.put("sessionId", ""))),
        arguments("sessionId of 65 bytes", "sessionId",
            mutated(new WebRtcAnswer(SESSION_ID, "v=0"),
                t -> t.put("sessionId", Base64Url.encode(new byte[65])))));
  }

  static Stream<Arguments> valuesOutsideLimits() {
    return Stream.of(
        meta("range with null totalBytes", "metadata.totalBytes", m -> m.putNull("totalBytes")),
        meta("range without totalBytes", "metadata.totalBytes", m -> m.remove("totalBytes")),
        meta("unknown partition", "metadata.partition", m -> m.put("partition", "striped")),
        meta("0 lanes", "metadata.lanes", m -> m.put("lanes", 0)),
        meta("65 lanes", "metadata.lanes", m -> m.put("lanes", 65)),
        meta("window 0", "metadata.window", m -> m.put("window", 0)),
        meta("window 65", "metadata.window", m -> m.put("window", 65)),
        meta("chunkSize 1023", "metadata.chunkSize", m -> m.put("chunkSize", 1023)),
        meta("chunkSize 16 MiB + 1", "metadata.chunkSize", m -> m.put("chunkSize", 16777217)),
        meta("totalBytes 2^53", "metadata.totalBytes", m -> m.put("totalBytes", TWO_POW_53)),
        meta("sentAt 2^53", "metadata.sentAt", m -> m.put("sentAt", TWO_POW_53)),
        meta("33 userMetadata entries", "metadata.userMetadata", m -> {
          ObjectNode user = m.putObject("userMetadata");
          for (int i = 0; i < 33; i++) {
            user.put("k" + i, "v");
          }
        }),
        meta("userMetadata key of 65 code points", "metadata.userMetadata.(field)",
            m -> m.putObject("userMetadata").put(repeatCodePoint(0x1F600, 65), "v")),
        meta("userMetadata value of 1025 code points", "metadata.userMetadata.note",
            m -> m.putObject("userMetadata").put("note", repeatCodePoint(0x1F600, 1025))),
        finish("totalBytes 2^53", "totalBytes", t -> t.put("totalBytes", TWO_POW_53)),
        finish("lane bytes 2^53", "lanes[1].bytes", t -> obj(t, "/lanes/1").put("bytes", TWO_POW_53)),
        finish("uppercase sha256", "sha256", t -> t.put("sha256", "A".repeat(64))),
        finish("63-digit sha256", "sha256", t -> t.put("sha256", "a".repeat(63))),
        finish("65-digit lane sha256", "lanes[0].sha256",
            t -> obj(t, "/lanes/0").put("sha256", "a".repeat(65))),
        finish("no lanes", "lanes", t -> t.putArray("lanes")),
        finish("65 lanes", "lanes", t -> {
          ArrayNode lanes = t.putArray("lanes");
          for (int i = 0; i < 65; i++) {
            lanes.addObject().put("laneId", i).put("chunks", 1).put("bytes", 0)
                .put("sha256", "a".repeat(64));
          }
        }),
        finish("lanes out of order", "lanes[0].laneId", t -> obj(t, "/lanes/0").put("laneId", 1)),
        finish("a lane listed twice", "lanes[2].laneId", t -> obj(t, "/lanes/2").put("laneId", 1)),
        finish("laneId 64", "lanes[0].laneId", t -> obj(t, "/lanes/0").put("laneId", 64)),
        state("lastSeqAcked 2^53", "lanes[0].lastSeqAcked",
            t -> obj(t, "/lanes/0").put("lastSeqAcked", TWO_POW_53)),
        state("unknown status", "status", t -> t.put("status", "paused")),
        state("status in capitals", "status", t -> t.put("status", "RECEIVING")),
        state("reason of 1025 code points", "reason",
            t -> t.put("reason", repeatCodePoint(0x1F600, 1025))),
        arguments("unknown failure", "failure",
            mutated(StreamFinished.failed(STREAM_ID, FinishFailure.LANE_COUNT_MISMATCH),
                t -> t.put("failure", "truncated"))),
        arguments("failure although ok", "failure", mutated(StreamFinished.success(STREAM_ID),
            t -> t.put("failure", "lane_count_mismatch"))),
        arguments("decline reason of 1025 code points", "reason",
            mutated(new StreamDecline(STREAM_ID, "x"),
                t -> t.put("reason", repeatCodePoint(0x1F600, 1025)))),
        arguments("empty sdp", "sdp",
            mutated(new WebRtcOffer(SESSION_ID, "v=0"), t -> t.put("sdp", ""))));
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("wrongTypes")
  void wrongTypesAreRejected(String what, String field, byte[] json) {
    assertRejected(json, field);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("negativesAndFractions")
  void negativesAndFractionsAreRejected(String what, String field, byte[] json) {
    assertRejected(json, field);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("missingFields")
  void missingRequiredFieldsAreRejected(String what, String field, byte[] json) {
    assertRejected(json, field);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("badBase64Url")
  void badBase64UrlIsRejected(String what, String field, byte[] json) {
    assertRejected(json, field);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @MethodSource("valuesOutsideLimits")
  void valuesOutsideTheLimitsAreRejected(String what, String field, byte[] json) {
    assertRejected(json, field);
  }

  @Test
  void integersWrittenWithAnExponentAreRejected() {
    byte[] json = json("{'kind':'shade.stream-finish/v1','streamId':'" + STREAM_ID.toBase64Url()
        + "','totalBytes':3e3,'sha256':'" + "a".repeat(64) + "','lanes':[]}");
    assertRejected(json, "totalBytes");
  }

  @Test
  void limitsAreInclusive() {
    ControlMessage atLimits = new StreamInit(STREAM_ID, ControlMessages.secret(),
        new StreamMetadata(TWO_POW_53 - 1, 16 * 1024 * 1024, TWO_POW_53 - 1, Partition.RANGE, 64,
            64, null, null));
    byte[] json = mutated(atLimits, t -> { });
    ControlMessages.assertSameMessage(atLimits, ControlCodec.decode(json));
    byte[] lowest = mutated(atLimits, t -> obj(t, "/metadata").put("chunkSize", 1024)
        .put("lanes", 1).put("window", 1).put("totalBytes", 0).put("sentAt", 0));
    assertInstanceOf(StreamInit.class, ControlCodec.decode(lowest));
  }

  @Test
  void duplicateKeysAreRejectedAtAnyDepth() {
    String id = STREAM_ID.toBase64Url();
    assertRejected(json("{'kind':'shade.stream-accept/v1','streamId':'" + id + "','streamId':'"
        + id + "'}"), "streamId");
    String init = new String(mutated(ControlMessages.streamInit(), t -> { }),
        StandardCharsets.UTF_8);
    assertRejected(utf8(init.replace("\"lanes\":4", "\"lanes\":4,\"lanes\":4")),
        "metadata.lanes");
    assertRejected(utf8(init.replace("\"project\":", "\"project\":\"a\",\"project\":")),
        "metadata.userMetadata.project");
    assertRejected(json("{'kind':'x','kind':'x'}"), "kind");
  }

  @Test
  void trailingContentIsRejected() {
    String accept = "{'kind':'shade.stream-accept/v1','streamId':'" + STREAM_ID.toBase64Url()
        + "'}";
    assertInstanceOf(StreamAccept.class, ControlCodec.decode(json(accept + " \n\t")));
    assertRejected(json(accept + "x"), "body");
    assertRejected(json(accept + "{}"), "body");
    assertRejected(json(accept + "]"), "body");
    assertRejected(json(accept + accept), "body");
  }

  @Test
  void anythingButOneObjectIsRejected() {
    for (String notAnObject : new String[] {"", " ", "[]", "[{}]", "'kind'", "1", "null",
        "true", "{", "{kind:'x'}", "// c\n{}"}) {
      assertRejected(json(notAnObject), "body");
    }
  }

  @Test
  void syntaxErrorsNameWhereTheyHappen() {
    assertRejected(json("{'kind'"), "kind");
    assertRejected(json("{'kind':'x'"), "kind");
    assertRejected(json("{'kind':}"), "kind");
    assertRejected(json("{'kind':'x','a':[1,2,}"), "a[2]");
    assertRejected(json("{'kind':'x','metadata':{'lanes':01}}"), "metadata.lanes");
    assertRejected(json("{'kind':'x','reason':'tab\tok, raw tab	not'}"), "reason");
    assertRejected(json("{'kind':'x','a':NaN}"), "a");
  }

  @Test
  void deepNestingIsRejectedWithoutOverflowingTheStack() {
    String deep = "[".repeat(20_000);
    ShadeFormatException e = assertThrows(ShadeFormatException.class,
        () -> ControlCodec.decode(json("{'kind':'x','a':" + deep + "}")));
    assertEquals(ErrorCode.MALFORMED, e.errorCode());
    assertRejected(json("{'kind':'x','a':" + "{'a':".repeat(40_000 / 5)), "a.a.a.a.a.a.a.a"
        + ".a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a");
    String nested = "[".repeat(30) + "]".repeat(30);
    assertInstanceOf(UnknownControlMessage.class,
        ControlCodec.decode(json("{'kind':'x','a':" + nested + "}")));
  }

  @Test
  void inputOverSixtyFourKibibytesIsRefusedAsTooLarge() {
    byte[] exactlyCap = paddedUnknown(ControlLimits.MAX_MESSAGE_BYTES);
    assertInstanceOf(UnknownControlMessage.class, ControlCodec.decode(exactlyCap));
    ControlMessageTooLargeException e = assertThrows(ControlMessageTooLargeException.class,
        () -> ControlCodec.decode(paddedUnknown(ControlLimits.MAX_MESSAGE_BYTES + 1)));
    assertEquals("body", e.field());
    assertEquals(ErrorCode.TOO_LARGE, e.errorCode());
    assertEquals(ControlLimits.MAX_MESSAGE_BYTES + 1, e.sizeBytes());
  }

  private static byte[] paddedUnknown(int size) {
    byte[] json = new byte[size];
    Arrays.fill(json, (byte) ' ');
    byte[] head = json("{'kind':'x'}");
    System.arraycopy(head, 0, json, 0, head.length);
    return json;
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[][] bad = {
        {'{', '"', 'k', 'i', 'n', 'd', '"', ':', '"', (byte) 0xFF, '"', '}'},
        {'{', '"', 'k', 'i', 'n', 'd', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'},
        {'{', '"', 'k', 'i', 'n', 'd', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"',
            '}'},
        {'{', '"', 'k', 'i', 'n', 'd', '"', ':', '"', (byte) 0xE2, (byte) 0x82, '"', '}'},
        {'{', '"', 'k', 'i', 'n', 'd', '"', ':', '"', 'x', '"', '}', (byte) 0xF0},
    };
    for (byte[] json : bad) {
      assertRejected(json, "body");
    }
  }

  @Test
  void byteOrderMarksAndOtherEncodingsAreRejected() {
    byte[] withBom = utf8("\uFEFF{\"kind\":\"x\"}");
    assertRejected(withBom, "body");
    assertRejected("{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_16LE), "body");
    assertRejected("{\"kind\":\"x\"}".getBytes(StandardCharsets.UTF_16), "body");
  }

  @Test
  void unpairedSurrogateEscapesAreRejected() {
    byte[] json = json("{'kind':'shade.stream-decline/v1','streamId':'" + STREAM_ID.toBase64Url()
        + "','reason':'\\ud800 alone'}");
    assertRejected(json, "reason");
    assertRejected(json("{'kind':'x\\udfff'}"), "kind");
  }

  @Test
  void overlongNumbersAreRejected() {
    assertRejected(json("{'kind':'shade.stream-finish/v1','totalBytes':" + "9".repeat(100) + "}"),
        "totalBytes");
  }

  @Test
  void errorMessagesDoNotQuoteTheInput() {
    String secret = Base64Url.encode(ControlMessages.bytes(32, 0x20));
    ShadeFormatException e = assertThrows(ShadeFormatException.class, () -> ControlCodec.decode(
        json("{'kind':'shade.stream-init/v1','streamSecret':" + secret + "}")));
    assertEquals(-1, e.getMessage().indexOf(secret.substring(0, 10)), e.getMessage());
  }
}
