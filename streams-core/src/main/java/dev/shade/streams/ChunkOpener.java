package dev.shade.streams;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * Reads and authenticates 0x11 envelopes of one stream. Rejects, each with a typed exception and
 * before any plaintext escapes: a header a conforming writer cannot produce, a {@code ctLen} over
 * the cap (before touching the body), a chunk for another stream or a lane outside the stream, a
 * body whose length differs from {@code ctLen} (truncated or with trailing bytes), and any
 * authentication failure.
 *
 * <p>Lane keys are derived at creation and destroyed with the opener. Thread safety: calls for
 * different lanes run concurrently; calls for the same lane are serialised.
 *
 * <pre>{@code
 * ChunkOpener opener = ChunkOpener.create(streamKey, lanes, 16 * 1024 * 1024 + 16);
 * ChunkHeader header = opener.parseHeader(first36Bytes);     // 400 / 413 before reading on
 * OpenedChunk chunk = opener.open(header, first36Bytes, body); // 422 on a bad tag
 * }</pre>
 */
public final class ChunkOpener implements Destroyable, AutoCloseable {
  private final StreamKey streamKey;
  private final int lanes;
  private final long maxCtLenBytes;
  private final LaneCipher[] ciphers;
  private final LaneKey[] laneKeys;
  private volatile boolean destroyed;

  private ChunkOpener(StreamKey streamKey, int lanes, long maxCtLenBytes) {
    this.streamKey = streamKey;
    this.lanes = lanes;
    this.maxCtLenBytes = maxCtLenBytes;
    this.ciphers = new LaneCipher[lanes];
    this.laneKeys = new LaneKey[lanes];
    for (int lane = 0; lane < lanes; lane++) {
      laneKeys[lane] = streamKey.laneKey(lane);
      ciphers[lane] = new LaneCipher(laneKeys[lane]);
    }
  }

  /**
   * An opener for a stream of {@code lanes} lanes that refuses chunks whose ciphertext plus tag
   * exceeds {@code maxCtLenBytes}.
   */
  public static ChunkOpener create(StreamKey streamKey, int lanes, long maxCtLenBytes) {
    if (lanes < 1 || lanes > ChunkHeader.MAX_LANE_ID + 1) {
      throw new IllegalArgumentException("lanes must be 1..64: " + lanes);
    }
    if (maxCtLenBytes < ChunkHeader.TAG_SIZE_BYTES) {
      throw new IllegalArgumentException("maxCtLenBytes below the tag size: " + maxCtLenBytes);
    }
    return new ChunkOpener(streamKey, lanes, maxCtLenBytes);
  }

  public StreamId streamId() {
    return streamKey.streamId();
  }

  /**
   * Validates the first 36 bytes: well-formed, this stream, a lane of this stream, within the cap.
   */
  public ChunkHeader parseHeader(byte[] headerBytes, int offset) {
    ChunkHeader header = ChunkHeader.parse(headerBytes, offset, maxCtLenBytes);
    if (!header.streamId().equals(streamKey.streamId())) {
      throw new ShadeFormatException("streamId", "chunk belongs to another stream");
    }
    if (header.laneId() >= lanes) {
      throw new ShadeFormatException("laneId",
          "lane " + header.laneId() + " outside the stream's " + lanes + " lanes");
    }
    return header;
  }

  /**
   * Authenticates and decrypts a whole envelope: exactly 36 header bytes plus {@code ctLen} bytes,
   * nothing more.
   */
  public OpenedChunk open(byte[] envelope) {
    ChunkHeader header = parseHeader(envelope, 0);
    long expected = (long) ChunkHeader.SIZE_BYTES + header.ctLenBytes();
    if (envelope.length != expected) {
      throw new ShadeFormatException("ctLen", envelope.length < expected
          ? "envelope truncated: " + envelope.length + " of " + expected + " bytes"
          : "trailing bytes after the envelope: " + envelope.length + " > " + expected);
    }
    return open(header, envelope, 0, envelope, ChunkHeader.SIZE_BYTES);
  }

  /**
   * Authenticates and decrypts a body read separately from its (already parsed) header. {@code
   * body} must hold exactly {@code header.ctLenBytes()} bytes.
   */
  public OpenedChunk open(ChunkHeader header, byte[] headerBytes, byte[] body) {
    if (body.length != header.ctLenBytes()) {
      throw new ShadeFormatException("ctLen",
          "body is " + body.length + " bytes, header says " + header.ctLenBytes());
    }
    checkHeaderBytes(header, headerBytes);
    return open(header, headerBytes, 0, body, 0);
  }

  /**
   * Authenticates a body read separately from its (already parsed) header and decrypts it in
   * place: {@code body[0, length)} holds exactly {@code header.ctLenBytes()} bytes (the array may be
   * longer, a reused buffer); afterwards {@code body[0, returned)} holds the verified plaintext.
   * On any rejection the body range is wiped or left ciphertext, never partly decrypted.
   */
  public int openInPlace(ChunkHeader header, byte[] headerBytes, byte[] body, int length) {
    if (length != header.ctLenBytes() || length > body.length) {
      throw new ShadeFormatException("ctLen",
          "body is " + length + " bytes, header says " + header.ctLenBytes());
    }
    checkHeaderBytes(header, headerBytes);
    return decrypt(header, headerBytes, 0, body, 0, body);
  }

  private static void checkHeaderBytes(ChunkHeader header, byte[] headerBytes) {
    if (headerBytes.length < ChunkHeader.SIZE_BYTES || !Arrays.equals(header.toByteArray(), 0,
        ChunkHeader.SIZE_BYTES, headerBytes, 0, ChunkHeader.SIZE_BYTES)) {
      throw new IllegalArgumentException("headerBytes do not match the parsed header");
    }
  }

  private OpenedChunk open(ChunkHeader header, byte[] headerBytes, int headerOffset, byte[] body,
      int bodyOffset) {
    byte[] plaintext = new byte[header.plaintextLengthBytes()];
    decrypt(header, headerBytes, headerOffset, body, bodyOffset, plaintext);
    return new OpenedChunk(header, plaintext);
  }

  private int decrypt(ChunkHeader header, byte[] headerBytes, int headerOffset, byte[] body,
      int bodyOffset, byte[] out) {
    LaneCipher cipher = ciphers[header.laneId()];
    synchronized (cipher) {
      if (destroyed) {
        throw new IllegalStateException("opener has been destroyed");
      }
      return cipher.open(header, headerBytes, headerOffset, body, bodyOffset, out, 0);
    }
  }

  /** Wipes every derived lane key. Idempotent. Does not destroy the stream key it was given. */
  @Override
  public void destroy() {
    destroyed = true;
    for (int lane = 0; lane < lanes; lane++) {
      synchronized (ciphers[lane]) {
        laneKeys[lane].destroy();
      }
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public void close() {
    destroy();
  }
}
