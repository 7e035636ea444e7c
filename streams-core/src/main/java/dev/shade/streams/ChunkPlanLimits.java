package dev.shade.streams;

/**
 * Argument checks for chunk plans, against the limits of {@link ControlLimits} (the one place the
 * numbers live). Plans are built by this node's own code, so a violation is a programming error
 * ({@link IllegalArgumentException}), unlike a peer's malformed message.
 */
final class ChunkPlanLimits {
  private ChunkPlanLimits() {}

  static void checkLanes(int lanes) {
    if (lanes < ControlLimits.MIN_LANES || lanes > ControlLimits.MAX_LANES) {
      throw new IllegalArgumentException("lanes must be 1..64: " + lanes);
    }
  }

  static void checkChunkSize(int chunkSizeBytes) {
    if (chunkSizeBytes < ControlLimits.MIN_CHUNK_SIZE_BYTES
        || chunkSizeBytes > ControlLimits.MAX_CHUNK_SIZE_BYTES) {
      throw new IllegalArgumentException("chunkSizeBytes must be 1 KiB..16 MiB: " + chunkSizeBytes);
    }
  }

  static void checkTotalBytes(long totalBytes) {
    if (totalBytes < 0 || totalBytes > ControlLimits.MAX_JSON_SAFE_INTEGER) {
      throw new IllegalArgumentException("totalBytes must be 0..2^53-1: " + totalBytes);
    }
  }
}
