package dev.shade.streams;

/**
 * One chunk of a plan: which lane and seq carry which bytes of the stream, and whether it closes
 * its lane. An empty isLast chunk has {@code lengthBytes == 0}.
 */
public record ChunkSpec(int laneId, long seq, long offset, int lengthBytes, boolean isLast) {
  public ChunkSpec {
    if (laneId < 0 || seq < 0 || offset < 0 || lengthBytes < 0) {
      throw new IllegalArgumentException("negative field in " + laneId + "/" + seq + "/" + offset
          + "/" + lengthBytes);
    }
  }
}
