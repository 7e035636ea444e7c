package dev.shade.streams;

import java.util.ArrayList;
import java.util.List;

/**
 * The sender's ROUND_ROBIN plan for input of unknown size: global chunk {@code k} goes to lane
 * {@code k mod L} as seq {@code k div L}. Every data chunk is full size except the final data chunk
 * of the stream. When the sender knows a chunk is the final one it flags it isLast; at end of input
 * {@link #finish()} closes every other lane with an empty isLast chunk.
 *
 * <p>Not thread-safe: one reader of the input drives it.
 */
public final class RoundRobinSplitter {
  private final int lanes;
  private final int chunkSizeBytes;
  private final boolean[] closed;
  private long nextChunk;
  private boolean endOfInput;

  private RoundRobinSplitter(int lanes, int chunkSizeBytes) {
    this.lanes = lanes;
    this.chunkSizeBytes = chunkSizeBytes;
    this.closed = new boolean[lanes];
  }

  public static RoundRobinSplitter create(int lanes, int chunkSizeBytes) {
    ChunkPlanLimits.checkLanes(lanes);
    ChunkPlanLimits.checkChunkSize(chunkSizeBytes);
    return new RoundRobinSplitter(lanes, chunkSizeBytes);
  }

  /**
   * Places the next data chunk of {@code lengthBytes} bytes.
   *
   * @param isFinalData true when no data follows this chunk (it then closes its lane)
   */
  public ChunkSpec next(int lengthBytes, boolean isFinalData) {
    if (endOfInput) {
      throw new IllegalStateException("input already ended");
    }
    if (lengthBytes <= 0 || lengthBytes > chunkSizeBytes) {
      throw new IllegalArgumentException("data chunk must be 1.." + chunkSizeBytes + " bytes: " + lengthBytes);
    }
    if (lengthBytes < chunkSizeBytes && !isFinalData) {
      throw new IllegalArgumentException("only the final data chunk may be short");
    }
    int lane = (int) (nextChunk % lanes);
    ChunkSpec spec = new ChunkSpec(lane, nextChunk / lanes, nextChunk * chunkSizeBytes,
        lengthBytes, isFinalData);
    nextChunk++;
    if (isFinalData) {
      closed[lane] = true;
      endOfInput = true;
    }
    return spec;
  }

  /** Ends the input: an empty isLast chunk for every lane not yet closed, in lane order. */
  public List<ChunkSpec> finish() {
    endOfInput = true;
    List<ChunkSpec> closing = new ArrayList<>();
    long offset = nextChunk * chunkSizeBytes;
    for (int lane = 0; lane < lanes; lane++) {
      if (!closed[lane]) {
        closed[lane] = true;
        closing.add(new ChunkSpec(lane, nextSeq(lane), offset, 0, true));
      }
    }
    return closing;
  }

  /** The seq the next chunk of {@code lane} gets. */
  public long nextSeq(int lane) {
    return nextChunk / lanes + (lane < nextChunk % lanes ? 1 : 0);
  }
}
