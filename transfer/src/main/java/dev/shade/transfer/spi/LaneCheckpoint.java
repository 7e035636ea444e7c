package dev.shade.transfer.spi;

import dev.shade.streams.ChunkHeader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The persisted progress of one lane of a stream.
 *
 * <ul>
 *   <li>{@code lastSeqAcked}: chunks 0..lastSeqAcked are durably at the receiver (−1: none).
 *   <li>{@code hashedThroughSeq} and {@code prefixSha256}: the SHA-256 of the lane's plaintext
 *       chunks 0..hashedThroughSeq in seq order (of no bytes when −1). A sender records the
 *       highest seq it ever sealed here <em>before</em> the chunk leaves the process, so that a
 *       resume can prove that every chunk it re-encrypts under a used nonce carries the same bytes
 *       as before. A receiver records a prefix of what it acknowledged (it may lag behind
 *       {@code lastSeqAcked}) and checks it against the data on disk after a restart.
 * </ul>
 *
 * <p>{@link #encodeAll}/{@link #decodeAll} give stores one binary column for a stream's lanes:
 * {@code u8 version=1 | u16 count | count × (u32 laneId | i64 lastSeqAcked | i64 hashedThroughSeq
 * | 32 bytes prefixSha256)}.
 */
public record LaneCheckpoint(int laneId, long lastSeqAcked, long hashedThroughSeq,
    byte[] prefixSha256) {
  public static final int SHA256_BYTES = 32;
  private static final int VERSION = 1;
  private static final int ENTRY_BYTES = 4 + 8 + 8 + SHA256_BYTES;

  public LaneCheckpoint {
    if (laneId < 0 || laneId >= 64) {
      throw new IllegalArgumentException("laneId must be 0..63: " + laneId);
    }
    if (lastSeqAcked < -1 || lastSeqAcked > ChunkHeader.MAX_SEQ) {
      throw new IllegalArgumentException("lastSeqAcked out of range: " + lastSeqAcked);
    }
    if (hashedThroughSeq < -1 || hashedThroughSeq > ChunkHeader.MAX_SEQ) {
      throw new IllegalArgumentException("hashedThroughSeq out of range: " + hashedThroughSeq);
    }
    if (prefixSha256 == null || prefixSha256.length != SHA256_BYTES) {
      throw new IllegalArgumentException("prefixSha256 must be 32 bytes");
    }
    prefixSha256 = prefixSha256.clone();
  }

  /** A lane with nothing acknowledged or hashed. */
  public static LaneCheckpoint empty(int laneId) {
    return new LaneCheckpoint(laneId, -1, -1, dev.shade.streams.Sha256.newDigest().digest());
  }

  @Override
  public byte[] prefixSha256() {
    return prefixSha256.clone();
  }

  public LaneCheckpoint withLastSeqAcked(long seq) {
    return new LaneCheckpoint(laneId, seq, hashedThroughSeq, prefixSha256);
  }

  public LaneCheckpoint withHashedThrough(long seq, byte[] sha256) {
    return new LaneCheckpoint(laneId, lastSeqAcked, seq, sha256);
  }

  public static byte[] encodeAll(List<LaneCheckpoint> lanes) {
    ByteBuffer out = ByteBuffer.allocate(1 + 2 + lanes.size() * ENTRY_BYTES);
    out.put((byte) VERSION).putShort((short) lanes.size());
    for (LaneCheckpoint lane : lanes) {
      out.putInt(lane.laneId).putLong(lane.lastSeqAcked).putLong(lane.hashedThroughSeq)
          .put(lane.prefixSha256);
    }
    return out.array();
  }

  /**
   * @throws IllegalArgumentException when {@code bytes} is not a well-formed encoding (a damaged
   *     or tampered row)
   */
  public static List<LaneCheckpoint> decodeAll(byte[] bytes) {
    if (bytes == null || bytes.length < 3 || bytes[0] != VERSION) {
      throw new IllegalArgumentException("lane checkpoints: unknown version or truncated");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    in.get();
    int count = Short.toUnsignedInt(in.getShort());
    if (in.remaining() != count * ENTRY_BYTES) {
      throw new IllegalArgumentException("lane checkpoints: length does not match count " + count);
    }
    List<LaneCheckpoint> lanes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int laneId = in.getInt();
      long acked = in.getLong();
      long hashed = in.getLong();
      byte[] sha = new byte[SHA256_BYTES];
      in.get(sha);
      lanes.add(new LaneCheckpoint(laneId, acked, hashed, sha));
    }
    return lanes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LaneCheckpoint && ((LaneCheckpoint) o).laneId == laneId
        && ((LaneCheckpoint) o).lastSeqAcked == lastSeqAcked
        && ((LaneCheckpoint) o).hashedThroughSeq == hashedThroughSeq
        && Arrays.equals(((LaneCheckpoint) o).prefixSha256, prefixSha256);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(lastSeqAcked) * 31 + Long.hashCode(hashedThroughSeq)) * 31 + laneId;
  }

  @Override
  public String toString() {
    return "LaneCheckpoint[lane " + laneId + ", lastSeqAcked " + lastSeqAcked + ", hashedThrough "
        + hashedThroughSeq + "]";
  }
}
