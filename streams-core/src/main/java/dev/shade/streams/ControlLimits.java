package dev.shade.streams;

/**
 * The limits of DESIGN.md ("Protocol details" → "Control requests") that every control message
 * obeys. A value outside them makes a message malformed (400 {@code malformed}), not merely
 * unwelcome; a node's own, tighter caps are policy and answered with a {@code stream-decline}.
 *
 * <p>Lengths of text count Unicode code points, not UTF-16 units or bytes.
 */
public final class ControlLimits {
  /** The largest integer JSON carries exactly in every implementation: 2^53 − 1. */
  public static final long MAX_JSON_SAFE_INTEGER = (1L << 53) - 1;
  public static final int MIN_LANES = 1;
  public static final int MAX_LANES = 64;
  public static final int MIN_WINDOW = 1;
  public static final int MAX_WINDOW = 64;
  public static final int MIN_CHUNK_SIZE_BYTES = 1024;
  public static final int MAX_CHUNK_SIZE_BYTES = 16 * 1024 * 1024;
  public static final int MAX_USER_METADATA_ENTRIES = 32;
  public static final int MAX_USER_METADATA_KEY_CODE_POINTS = 64;
  public static final int MAX_USER_METADATA_VALUE_CODE_POINTS = 1024;
  public static final int MAX_REASON_CODE_POINTS = 1024;
  public static final int MAX_SDP_CODE_POINTS = 64 * 1024;
  /** WebRTC session ids: canonical base64url of 1..64 bytes. */
  public static final int MAX_SESSION_ID_BYTES = 64;
  /** The control request body cap; also the cap on one encoded control message. */
  public static final int MAX_MESSAGE_BYTES = 64 * 1024;
  /** Deepest JSON nesting the decoder reads (known shapes need 3; unknown fields get room). */
  public static final int MAX_NESTING_DEPTH = 32;

  private ControlLimits() {}
}
