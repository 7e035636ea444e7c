package dev.shade.transport.ws;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.StreamId;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The chunk an incoming envelope names, read from its header bytes without validating them, so that
 * an error reply can name even a malformed chunk; a field that cannot be read is {@code null}.
 */
record EnvelopeRef(String streamId, Long laneId, Long seq) {
  static final EnvelopeRef UNKNOWN = new EnvelopeRef(null, null, null);
  private static final int OFF_STREAM_ID = 4;
  private static final int OFF_LANE_ID = 20;
  private static final int OFF_SEQ = 24;

  /** Reads what it can of the 36 header bytes in {@code header}. */
  static EnvelopeRef of(byte[] header) {
    if (header.length < ChunkHeader.SIZE_BYTES) {
      return UNKNOWN;
    }
    ByteBuffer bytes = ByteBuffer.wrap(header);
    String id = StreamId.of(Arrays.copyOfRange(header, OFF_STREAM_ID, OFF_STREAM_ID
        + StreamId.SIZE_BYTES)).toBase64Url();
    long seq = bytes.getLong(OFF_SEQ);
    return new EnvelopeRef(id, Integer.toUnsignedLong(bytes.getInt(OFF_LANE_ID)),
        seq >= 0 && seq <= ChunkHeader.MAX_SEQ ? seq : null);
  }
}
