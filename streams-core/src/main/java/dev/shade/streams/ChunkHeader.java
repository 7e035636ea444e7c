package dev.shade.streams;

/**
 * The 36-byte header of a chunk envelope (type 0x11). All integers big-endian.
 *
 * <pre>
 * off len field
 * 0   1   type        = 0x11
 * 1   1   version     = 0x01
 * 2   1   flags       bit0 = isLast (final chunk of this lane); other bits 0
 * 3   1   reserved    = 0
 * 4   16  streamId
 * 20  4   laneId      u32
 * 24  8   seq         u64, per lane, from 0, +1 per chunk
 * 32  4   ctLen       u32, length of what follows (ciphertext || 16-byte tag)
 * 36  ctLen AES-256-GCM(laneKey[laneId], nonce = u32(laneId) || u64(seq), plaintext, aad = header)
 * </pre>
 *
 * <p>A header is a validated value: {@link #parse} and the constructor refuse anything a conforming
 * writer could not have produced. The bytes are also the AAD, so any change to stream, lane, seq,
 * isLast, version or length fails authentication.
 */
public record ChunkHeader(StreamId streamId, int laneId, long seq, boolean isLast, int ctLenBytes) {
  public static final byte TYPE = 0x11;
  public static final byte VERSION = 0x01;
  public static final int SIZE_BYTES = 36;
  public static final int TAG_SIZE_BYTES = 16;
  public static final int NONCE_SIZE_BYTES = 12;
  /** seq stays below 2^53 so JSON numbers carrying it stay exact. */
  public static final long MAX_SEQ = ControlLimits.MAX_JSON_SAFE_INTEGER;
  /** The largest lane id a header may carry; lanes are 1..64, so any id beyond is malformed. */
  public static final int MAX_LANE_ID = 63;
  static final int FLAG_IS_LAST = 0x01;
  /** The largest ctLen whose envelope length still fits an int: no reader can take more. */
  private static final long MAX_REPRESENTABLE_CT_LEN = Integer.MAX_VALUE - SIZE_BYTES;

  private static final int OFF_TYPE = 0;
  private static final int OFF_VERSION = 1;
  private static final int OFF_FLAGS = 2;
  private static final int OFF_RESERVED = 3;
  private static final int OFF_STREAM_ID = 4;
  private static final int OFF_LANE_ID = 20;
  private static final int OFF_SEQ = 24;
  private static final int OFF_CT_LEN = 32;

  public ChunkHeader {
    if (streamId == null) {
      throw new IllegalArgumentException("streamId is required");
    }
    if (laneId < 0 || laneId > MAX_LANE_ID) {
      throw new IllegalArgumentException("laneId must be 0.." + MAX_LANE_ID + ": " + laneId);
    }
    if (seq < 0 || seq > MAX_SEQ) {
      throw new IllegalArgumentException("seq must be 0..2^53-1: " + seq);
    }
    if (ctLenBytes < TAG_SIZE_BYTES) {
      throw new IllegalArgumentException("ctLen must be at least the tag size: " + ctLenBytes);
    }
  }

  /** Length of the plaintext this header's chunk carries. */
  public int plaintextLengthBytes() {
    return ctLenBytes - TAG_SIZE_BYTES;
  }

  /** Total envelope length: header plus ciphertext and tag. */
  public int envelopeLengthBytes() {
    return SIZE_BYTES + ctLenBytes;
  }

  /**
   * Reads and validates the first 36 bytes of {@code src} at {@code offset}, enforcing the cap on
   * {@code ctLen} before the body is touched (DESIGN.md, chunk checks 1 and 2).
   *
   * @param maxCtLenBytes the receiver's cap on ciphertext plus tag
   * @throws ShadeFormatException for a header a conforming writer cannot produce
   * @throws ChunkTooLargeException when {@code ctLen} exceeds {@code maxCtLenBytes}
   */
  public static ChunkHeader parse(byte[] src, int offset, long maxCtLenBytes) {
    if (src.length - offset < SIZE_BYTES) {
      throw new ShadeFormatException("header", "shorter than " + SIZE_BYTES + " bytes");
    }
    checkByte(src[offset + OFF_TYPE], TYPE, "type");
    checkByte(src[offset + OFF_VERSION], VERSION, "version");
    int flags = src[offset + OFF_FLAGS] & 0xff;
    if ((flags & ~FLAG_IS_LAST) != 0) {
      throw new ShadeFormatException("flags", "unknown flag bits 0x" + Integer.toHexString(flags));
    }
    if (src[offset + OFF_RESERVED] != 0) {
      throw new ShadeFormatException("reserved", "must be zero");
    }
    long laneId = Bytes.getU32(src, offset + OFF_LANE_ID);
    if (laneId > MAX_LANE_ID) {
      throw new ShadeFormatException("laneId", "must be 0.." + MAX_LANE_ID + ", was " + laneId);
    }
    long seq = Bytes.getU64(src, offset + OFF_SEQ);
    if (seq < 0 || seq > MAX_SEQ) {
      throw new ShadeFormatException("seq", "must be at most 2^53-1");
    }
    long ctLen = Bytes.getU32(src, offset + OFF_CT_LEN);
    if (ctLen < TAG_SIZE_BYTES) {
      throw new ShadeFormatException("ctLen", "must be at least " + TAG_SIZE_BYTES + ", was " + ctLen);
    }
    long cap = Math.min(maxCtLenBytes, MAX_REPRESENTABLE_CT_LEN);
    if (ctLen > cap) {
      throw new ChunkTooLargeException(ctLen, cap);
    }
    byte[] id = new byte[StreamId.SIZE_BYTES];
    System.arraycopy(src, offset + OFF_STREAM_ID, id, 0, id.length);
    return new ChunkHeader(StreamId.of(id), (int) laneId, seq, flags == FLAG_IS_LAST, (int) ctLen);
  }

  /** Parses a header at the start of {@code src}. */
  public static ChunkHeader parse(byte[] src, long maxCtLenBytes) {
    return parse(src, 0, maxCtLenBytes);
  }

  /** Writes the 36 header bytes into {@code dst} at {@code offset}. */
  public void writeTo(byte[] dst, int offset) {
    dst[offset + OFF_TYPE] = TYPE;
    dst[offset + OFF_VERSION] = VERSION;
    dst[offset + OFF_FLAGS] = (byte) (isLast ? FLAG_IS_LAST : 0);
    dst[offset + OFF_RESERVED] = 0;
    streamId.copyTo(dst, offset + OFF_STREAM_ID);
    Bytes.putU32(dst, offset + OFF_LANE_ID, laneId);
    Bytes.putU64(dst, offset + OFF_SEQ, seq);
    Bytes.putU32(dst, offset + OFF_CT_LEN, ctLenBytes);
  }

  public byte[] toByteArray() {
    byte[] out = new byte[SIZE_BYTES];
    writeTo(out, 0);
    return out;
  }

  /** {@code u32(laneId) || u64(seq)}: unique per (lane key, seq). */
  byte[] nonce() {
    byte[] nonce = new byte[NONCE_SIZE_BYTES];
    Bytes.putU32(nonce, 0, laneId);
    Bytes.putU64(nonce, 4, seq);
    return nonce;
  }

  private static void checkByte(byte actual, byte expected, String field) {
    if (actual != expected) {
      throw new ShadeFormatException(field,
          String.format("must be 0x%02x, was 0x%02x", expected, actual & 0xff));
    }
  }
}
