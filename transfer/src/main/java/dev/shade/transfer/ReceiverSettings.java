package dev.shade.transfer;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.ControlLimits;
import java.time.Duration;

/**
 * A receiving node's limits: the per-chunk cap enforced before reading a body (default 16 MiB +
 * the tag), the largest stream it accepts (declined above, before any byte), and how long a
 * {@code stream-init} waits for a decision before answering {@code pending}.
 */
public record ReceiverSettings(long maxChunkCtLenBytes, long maxStreamBytes, Duration decisionWait) {
  public static final ReceiverSettings DEFAULT = new ReceiverSettings(
      ControlLimits.MAX_CHUNK_SIZE_BYTES + (long) ChunkHeader.TAG_SIZE_BYTES,
      ControlLimits.MAX_JSON_SAFE_INTEGER, Duration.ofSeconds(2));

  public ReceiverSettings {
    if (maxChunkCtLenBytes < ChunkHeader.TAG_SIZE_BYTES) {
      throw new IllegalArgumentException("maxChunkCtLenBytes below the tag size");
    }
    if (maxStreamBytes < 0) {
      throw new IllegalArgumentException("maxStreamBytes must be non-negative");
    }
    if (decisionWait.isNegative() || decisionWait.compareTo(Duration.ofSeconds(30)) > 0) {
      throw new IllegalArgumentException("decisionWait must be 0..30 s");
    }
  }

  public ReceiverSettings withMaxStreamBytes(long bytes) {
    return new ReceiverSettings(maxChunkCtLenBytes, bytes, decisionWait);
  }

  public ReceiverSettings withDecisionWait(Duration wait) {
    return new ReceiverSettings(maxChunkCtLenBytes, maxStreamBytes, wait);
  }

  public ReceiverSettings withMaxChunkCtLenBytes(long bytes) {
    return new ReceiverSettings(bytes, maxStreamBytes, decisionWait);
  }
}
