package dev.shade.streams;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators for valid control messages of every kind. Text covers the whole of
 * Unicode (astral characters, controls, quotes, backslashes) except unpaired surrogates, and sizes
 * stay small enough that every message encodes under the 64 KiB cap.
 */
final class ControlMessageGenerators {
  private static final long MAX = ControlLimits.MAX_JSON_SAFE_INTEGER;

  private ControlMessageGenerators() {}

  static Gen<ControlMessage> anyMessage() {
    List<Gen<ControlMessage>> kinds = List.of(
        widen(streamInit()), widen(streamId().map(StreamAccept::new)),
        widen(streamId().zip(text(0, 1024), StreamDecline::new)), widen(streamFinish()),
        widen(streamFinished()), widen(streamId().zip(text(0, 1024), StreamAbort::new)),
        widen(streamId().map(ResumeQuery::new)), widen(resumeState()),
        widen(sessionId().zip(text(1, 2000), WebRtcOffer::new)),
        widen(sessionId().zip(text(1, 2000), WebRtcAnswer::new)), widen(unknown()));
    return Generate.pick(kinds).flatMap(gen -> gen);
  }

  @SuppressWarnings("unchecked")
  private static Gen<ControlMessage> widen(Gen<? extends ControlMessage> gen) {
    return (Gen<ControlMessage>) gen;
  }

  static <T> Gen<T> nullable(Gen<T> gen) {
    Gen<Boolean> present = Generate.booleans();
    return in -> present.generate(in) ? gen.generate(in) : null;
  }

  static Gen<byte[]> bytes(int minSize, int maxSize) {
    return Generate.byteArrays(integers().between(minSize, maxSize),
        Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0));
  }

  static Gen<StreamId> streamId() {
    return bytes(16, 16).map(StreamId::of);
  }

  static Gen<String> sessionId() {
    return bytes(1, ControlLimits.MAX_SESSION_ID_BYTES).map(Base64Url::encode);
  }

  /** Code points from all of Unicode but surrogates, weighted towards ASCII and JSON specials. */
  static Gen<Integer> codePoint() {
    return Generate.frequency(List.of(
        org.quicktheories.api.Pair.of(6, integers().between(0x20, 0x7E)),
        org.quicktheories.api.Pair.of(2, Generate.pick(List.of(0, '"' + 0, '\\' + 0, '\n' + 0,
            0x1F, 0x7F, 0x85, 0x202E, 0xFEFF, 0x2028))),
        org.quicktheories.api.Pair.of(1, integers().between(0x80, 0xD7FF)),
        org.quicktheories.api.Pair.of(1, integers().between(0xE000, 0x10FFFF))));
  }

  static Gen<String> text(int minCodePoints, int maxCodePoints) {
    Gen<Integer> length = integers().between(minCodePoints, maxCodePoints);
    Gen<Integer> codePoint = codePoint();
    return in -> {
      int n = length.generate(in);
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < n; i++) {
        s.appendCodePoint(codePoint.generate(in));
      }
      return s.toString();
    };
  }

  static Gen<String> sha256Hex() {
    Gen<Integer> digit = integers().between(0, 15);
    return in -> {
      StringBuilder s = new StringBuilder(64);
      for (int i = 0; i < 64; i++) {
        s.append(Character.forDigit(digit.generate(in), 16));
      }
      return s.toString();
    };
  }

  static Gen<FileMetadata> fileMetadata() {
    Gen<String> filename = nullable(text(0, 300));
    Gen<String> shortText = nullable(text(0, 40));
    Gen<StreamId> thumbnailId = nullable(streamId());
    Gen<String> hash = nullable(sha256Hex());
    Gen<Long> thumbnailBytes = nullable(longs().between(0, MAX));
    return in -> new FileMetadata(filename.generate(in), shortText.generate(in),
        thumbnailId.generate(in), hash.generate(in), shortText.generate(in),
        thumbnailBytes.generate(in));
  }

  static Gen<Map<String, String>> userMetadata() {
    Gen<Integer> size = integers().between(0, ControlLimits.MAX_USER_METADATA_ENTRIES);
    Gen<String> key = text(0, ControlLimits.MAX_USER_METADATA_KEY_CODE_POINTS);
    Gen<String> value = text(0, 150);
    return in -> {
      int n = size.generate(in);
      Map<String, String> map = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        map.put(key.generate(in), value.generate(in));
      }
      return map;
    };
  }

  static Gen<StreamMetadata> streamMetadata() {
    Gen<Partition> partition = Generate.enumValues(Partition.class);
    Gen<Long> size = longs().between(0, MAX);
    Gen<Boolean> sizeKnown = Generate.booleans();
    Gen<Integer> chunkSize = integers().between(ControlLimits.MIN_CHUNK_SIZE_BYTES,
        ControlLimits.MAX_CHUNK_SIZE_BYTES);
    Gen<Long> sentAt = longs().between(0, MAX);
    Gen<Integer> lanes = integers().between(1, ControlLimits.MAX_LANES);
    Gen<FileMetadata> file = nullable(fileMetadata());
    Gen<Map<String, String>> user = nullable(userMetadata());
    return in -> {
      Partition p = partition.generate(in);
      Long totalBytes = p == Partition.RANGE || sizeKnown.generate(in) ? size.generate(in) : null;
      return new StreamMetadata(totalBytes, chunkSize.generate(in), sentAt.generate(in), p,
          lanes.generate(in), lanes.generate(in), file.generate(in), user.generate(in));
    };
  }

  static Gen<StreamInit> streamInit() {
    Gen<StreamId> id = streamId();
    Gen<byte[]> secret = bytes(32, 32);
    Gen<StreamMetadata> metadata = streamMetadata();
    return in -> new StreamInit(id.generate(in), SecretBytes.copyOf(secret.generate(in)),
        metadata.generate(in));
  }

  static Gen<StreamFinish> streamFinish() {
    Gen<StreamId> id = streamId();
    Gen<Long> count = longs().between(0, MAX);
    Gen<String> sha = sha256Hex();
    Gen<Integer> laneCount = integers().between(1, ControlLimits.MAX_LANES);
    return in -> {
      int n = laneCount.generate(in);
      List<LaneSummary> lanes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        lanes.add(new LaneSummary(i, count.generate(in), count.generate(in), sha.generate(in)));
      }
      return new StreamFinish(id.generate(in), count.generate(in), sha.generate(in), lanes);
    };
  }

  static Gen<StreamFinished> streamFinished() {
    Gen<StreamId> id = streamId();
    Gen<FinishFailure> failure = nullable(Generate.enumValues(FinishFailure.class));
    return in -> {
      FinishFailure f = failure.generate(in);
      return new StreamFinished(id.generate(in), f == null, f);
    };
  }

  static Gen<ResumeState> resumeState() {
    Gen<StreamId> id = streamId();
    Gen<StreamStatus> status = Generate.enumValues(StreamStatus.class);
    Gen<String> reason = nullable(text(0, 1024));
    Gen<String> requiredReason = text(0, 1024);
    Gen<Integer> laneCount = integers().between(0, ControlLimits.MAX_LANES);
    Gen<Long> lastSeqAcked = longs().between(-1, MAX);
    return in -> {
      StreamStatus s = status.generate(in);
      String r = s.requiresReason() ? requiredReason.generate(in) : reason.generate(in);
      int n = laneCount.generate(in);
      List<LaneProgress> lanes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        lanes.add(new LaneProgress(i, lastSeqAcked.generate(in)));
      }
      return new ResumeState(id.generate(in), s, r, lanes);
    };
  }

  static Gen<UnknownControlMessage> unknown() {
    return text(0, 100).assuming(k -> !UnknownControlMessage.isKnown(k))
        .map(UnknownControlMessage::new);
  }
}
