package dev.shade.transfer;

import dev.shade.streams.StreamId;

/**
 * The node closed while the upload ran: its state is kept (with a resume store, also on disk) and
 * the receiver keeps the stream open, so {@link Shade#resumeUpload} continues it later.
 */
public final class TransferPausedException extends RuntimeException {
  private final StreamId streamId;

  public TransferPausedException(StreamId streamId) {
    super("upload " + streamId + " paused: the node closed; resume it with its stream id");
    this.streamId = streamId;
  }

  public StreamId streamId() {
    return streamId;
  }
}
