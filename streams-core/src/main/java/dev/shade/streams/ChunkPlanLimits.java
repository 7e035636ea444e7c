package dev.shade.streams;

/** The limits DESIGN.md sets on a stream's shape, checked in one place. */
public final class ChunkPlanLimits {
  public static final int MIN_LANES = 1;
  public static final int MAX_LANES = 64;
  public static final int MIN_WINDOW = 1;
  public static final int MAX_WINDOW = 64;
  public static final int MIN_CHUNK_SIZE_BYTES = 1024;
  public static final int MAX_CHUNK_SIZE_BYTES = 16 * 1024 * 1024;
  /** JSON numbers stay exact below 2^53. */
  public static final long MAX_TOTAL_BYTES = (1L << 53) - 1;

  private ChunkPlanLimits() {}

  static void checkLanes(int lanes) {
    if (lanes < MIN_LANES || lanes > MAX_LANES) {
      throw new IllegalArgumentException("lanes must be 1..64: " + lanes);
    }
  }

  static void checkChunkSize(int chunkSizeBytes) {
    if (chunkSizeBytes < MIN_CHUNK_SIZE_BYTES || chunkSizeBytes > MAX_CHUNK_SIZE_BYTES) {
      throw new IllegalArgumentException("chunkSizeBytes must be 1 KiB..16 MiB: " + chunkSizeBytes);
    }
  }

  static void checkTotalBytes(long totalBytes) {
    if (totalBytes < 0 || totalBytes > MAX_TOTAL_BYTES) {
      throw new IllegalArgumentException("totalBytes must be 0..2^53-1: " + totalBytes);
    }
  }
}
