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
 *   <li>{@code aheadMask}: the chunks a receiver acknowledged beyond the lane's first gap (they
 *       are durably in its file too): bit {@code i} is seq {@code lastSeqAcked + 1 + i}, so bit 0
 *       is clear (a window is at most 64 wide). Without it a restarted receiver would forget them
 *       while its sender counts them as delivered. 0 for a sender.
 * </ul>
 *
 * <p>{@link #encodeAll}/{@link #decodeAll} give stores one binary column for a stream's lanes:
 * {@code u8 version=2 | u16 count | count × (u32 laneId | i64 lastSeqAcked | i64 hashedThroughSeq
 * | 32 bytes prefixSha256 | u64 aheadMask)}. Version 1, written before {@code aheadMask} existed,
 * is the same without it, and still read (as a mask of 0).
 */
public record LaneCheckpoint(int laneId, long lastSeqAcked, long hashedThroughSeq,
    byte[] prefixSha256, long aheadMask) {
  public static final int SHA256_BYTES = 32;
  private static final int VERSION = 2;
  private static final int V1_ENTRY_BYTES = 4 + 8 + 8 + SHA256_BYTES;
  private static final int ENTRY_BYTES = V1_ENTRY_BYTES + 8;

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
    if ((aheadMask & 1) != 0) {
      throw new IllegalArgumentException("aheadMask has bit 0 set: seq " + (lastSeqAcked + 1)
          + " would not be missing");
    }
    prefixSha256 = prefixSha256.clone();
  }

  /** A checkpoint with nothing acknowledged beyond a gap (every sender's). */
  public LaneCheckpoint(int laneId, long lastSeqAcked, long hashedThroughSeq,
      byte[] prefixSha256) {
    this(laneId, lastSeqAcked, hashedThroughSeq, prefixSha256, 0);
  }

  /** A lane with nothing acknowledged or hashed. */
  public static LaneCheckpoint empty(int laneId) {
    return new LaneCheckpoint(laneId, -1, -1, dev.shade.streams.Sha256.newDigest().digest());
  }

  @Override
  public byte[] prefixSha256() {
    return prefixSha256.clone();
  }

  /** This lane acknowledged through {@code seq}, with nothing beyond a gap. */
  public LaneCheckpoint withLastSeqAcked(long seq) {
    return withReceived(seq, 0);
  }

  /** A receiver's progress: through {@code lastSeq} and, beyond the gap, {@code mask}. */
  public LaneCheckpoint withReceived(long lastSeq, long mask) {
    return new LaneCheckpoint(laneId, lastSeq, hashedThroughSeq, prefixSha256, mask);
  }

  public LaneCheckpoint withHashedThrough(long seq, byte[] sha256) {
    return new LaneCheckpoint(laneId, lastSeqAcked, seq, sha256, aheadMask);
  }

  public static byte[] encodeAll(List<LaneCheckpoint> lanes) {
    ByteBuffer out = ByteBuffer.allocate(1 + 2 + lanes.size() * ENTRY_BYTES);
    out.put((byte) VERSION).putShort((short) lanes.size());
    for (LaneCheckpoint lane : lanes) {
      out.putInt(lane.laneId).putLong(lane.lastSeqAcked).putLong(lane.hashedThroughSeq)
          .put(lane.prefixSha256).putLong(lane.aheadMask);
    }
    return out.array();
  }

  /**
   * @throws IllegalArgumentException when {@code bytes} is not a well-formed encoding (a damaged
   *     or tampered row)
   */
  public static List<LaneCheckpoint> decodeAll(byte[] bytes) {
    if (bytes == null || bytes.length < 3 || (bytes[0] != VERSION && bytes[0] != 1)) {
      throw new IllegalArgumentException("lane checkpoints: unknown version or truncated");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    boolean withMask = in.get() == VERSION;
    int count = Short.toUnsignedInt(in.getShort());
    if (in.remaining() != count * (withMask ? ENTRY_BYTES : V1_ENTRY_BYTES)) {
      throw new IllegalArgumentException("lane checkpoints: length does not match count " + count);
    }
    List<LaneCheckpoint> lanes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int laneId = in.getInt();
      long acked = in.getLong();
      long hashed = in.getLong();
      byte[] sha = new byte[SHA256_BYTES];
      in.get(sha);
      lanes.add(new LaneCheckpoint(laneId, acked, hashed, sha, withMask ? in.getLong() : 0));
    }
    return lanes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LaneCheckpoint && ((LaneCheckpoint) o).laneId == laneId
        && ((LaneCheckpoint) o).lastSeqAcked == lastSeqAcked
        && ((LaneCheckpoint) o).hashedThroughSeq == hashedThroughSeq
        && ((LaneCheckpoint) o).aheadMask == aheadMask
        && Arrays.equals(((LaneCheckpoint) o).prefixSha256, prefixSha256);
  }

  @Override
  public int hashCode() {
    return (Long.hashCode(lastSeqAcked) * 31 + Long.hashCode(hashedThroughSeq)) * 31 + laneId;
  }

  @Override
  public String toString() {
    return "LaneCheckpoint[lane " + laneId + ", lastSeqAcked " + lastSeqAcked
        + (aheadMask == 0 ? "" : ", ahead 0x" + Long.toHexString(aheadMask)) + ", hashedThrough "
        + hashedThroughSeq + "]";
  }
}
