package dev.shade.streams;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * The checks that control-message records run in their compact constructors. Each failure is a
 * {@link ShadeFormatException} naming the field; no message quotes the offending value, since a
 * value may be a secret or text chosen to mislead a log reader.
 */
final class FieldChecks {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private FieldChecks() {}

  static <T> T required(String field, T value) {
    if (value == null) {
      throw new ShadeFormatException(field, "required");
    }
    return value;
  }

  static long inRange(String field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ShadeFormatException(field, "must be " + min + ".." + max + ", was " + value);
    }
    return value;
  }

  static long nonNegativeSafe(String field, long value) {
    return inRange(field, value, 0, ControlLimits.MAX_JSON_SAFE_INTEGER);
  }

  static String sha256Hex(String field, String value) {
    required(field, value);
    if (!SHA256_HEX.matcher(value).matches()) {
      throw new ShadeFormatException(field, "must be 64 lowercase hex digits");
    }
    return value;
  }

  /** Required, well-formed text of at most {@code maxCodePoints} code points. */
  static String text(String field, String value, int maxCodePoints) {
    required(field, value);
    return optionalText(field, value, maxCodePoints);
  }

  /** Like {@link #text} but {@code null} passes. */
  static String optionalText(String field, String value, int maxCodePoints) {
    if (value == null) {
      return null;
    }
    wellFormed(field, value);
    int codePoints = value.codePointCount(0, value.length());
    if (codePoints > maxCodePoints) {
      throw new ShadeFormatException(field,
          "has " + codePoints + " code points, over the limit of " + maxCodePoints);
    }
    return value;
  }

  /**
   * Refuses unpaired surrogates: such a string has no UTF-8 form, so it could be decoded from a
   * JSON escape but never sent again.
   */
  static String wellFormed(String field, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new ShadeFormatException(field, "contains an unpaired surrogate at index " + i);
      }
    }
    return value;
  }

  /**
   * A per-lane list as {@code stream-finish} and {@code resume-state} carry it: {@code minSize}..
   * {@link ControlLimits#MAX_LANES} entries, entry {@code i} for lane {@code i}, so each lane is
   * listed once and in order. Returns an unmodifiable copy.
   */
  static <T> List<T> laneList(String field, List<T> lanes, int minSize, ToIntFunction<T> laneId) {
    required(field, lanes);
    if (lanes.size() < minSize || lanes.size() > ControlLimits.MAX_LANES) {
      throw new ShadeFormatException(field, "must list " + minSize + ".." + ControlLimits.MAX_LANES
          + " lanes, listed " + lanes.size());
    }
    List<T> copy = new ArrayList<>(lanes.size());
    for (int i = 0; i < lanes.size(); i++) {
      T lane = required(field + "[" + i + "]", lanes.get(i));
      if (laneId.applyAsInt(lane) != i) {
        throw new ShadeFormatException(field + "[" + i + "].laneId",
            "must be " + i + ": lanes are listed in order, each once");
      }
      copy.add(lane);
    }
    return Collections.unmodifiableList(copy);
  }

  /** A WebRTC session id: canonical unpadded base64url of 1..64 bytes. */
  static String sessionId(String field, String value) {
    required(field, value);
    int sizeBytes = Base64Url.decode(value, field).length;
    if (sizeBytes < 1 || sizeBytes > ControlLimits.MAX_SESSION_ID_BYTES) {
      throw new ShadeFormatException(field,
          "must encode 1.." + ControlLimits.MAX_SESSION_ID_BYTES + " bytes, encodes " + sizeBytes);
    }
    return value;
  }
}
