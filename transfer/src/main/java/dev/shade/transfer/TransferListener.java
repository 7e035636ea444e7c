package dev.shade.transfer;

import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;

/**
 * Progress of transfers, on either side. Every method has an empty default; implement the ones
 * you need. {@link #NONE} ignores everything.
 *
 * <p>Order and thread: a node delivers every event of every transfer on its single event thread
 * ({@code shade-events}), in this order per stream: {@code started}, {@code accepted}, then {@code
 * chunkAcked}/{@code laneFinished} as chunks are acknowledged, then exactly one of {@code
 * verified}, {@code failed} or {@code aborted}. A declined stream ends with {@code failed}. Bytes
 * per second and ETA follow from the {@code chunkAcked} byte counts and the metadata's {@code
 * totalBytes}. Listeners must not block: they delay every later event.
 */
public interface TransferListener {
  TransferListener NONE = new TransferListener() {};

  default void started(StreamId streamId, Direction direction, StreamMetadata metadata) {}

  default void accepted(StreamId streamId) {}

  /** A chunk of {@code plaintextBytes} was acknowledged; {@code transport} carried it. */
  default void chunkAcked(StreamId streamId, int laneId, long seq, int plaintextBytes,
      String transport) {}

  /**
   * Chunk {@code seq} of lane {@code laneId} reached the receiver, which acknowledged or refused
   * it: once per such attempt, so chunks sent again (after a lost ack, a restart or a resume)
   * count again. Attempts lost to the network (connection refused or reset) do not count.
   */
  default void chunkSent(StreamId streamId, int laneId, long seq, int plaintextBytes) {}

  default void laneFinished(StreamId streamId, int laneId) {}

  default void verified(StreamId streamId, TransferResult result) {}

  default void failed(StreamId streamId, Throwable error) {}

  default void aborted(StreamId streamId, String reason) {}

  /** Which side of a stream this node is. */
  enum Direction {
    SEND,
    RECEIVE
  }
}
