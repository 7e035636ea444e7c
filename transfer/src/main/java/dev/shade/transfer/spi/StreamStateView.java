package dev.shade.transfer.spi;

import dev.shade.streams.StreamId;
import dev.shade.streams.StreamStatus;
import java.util.List;

/**
 * What {@code GET /v1/transfer/:streamId/state} answers: the stream's status and per-lane
 * {@code lastSeqAcked}. Reveals only progress counters.
 */
public record StreamStateView(StreamId streamId, StreamStatus status, List<LaneState> lanes) {
  public StreamStateView {
    lanes = List.copyOf(lanes);
  }
}
