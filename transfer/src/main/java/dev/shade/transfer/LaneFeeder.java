package dev.shade.transfer;

import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Reads an upload's input and feeds each lane its chunks in seq order, while hashing the whole
 * input in order for the overall SHA-256. RANGE inputs are read by position, one reader per lane;
 * ROUND_ROBIN inputs are read once, in order, and dealt to the lanes.
 */
interface LaneFeeder {
  /** Feeds every lane to its end and waits until every chunk is acknowledged. */
  SentTotals run() throws IOException, InterruptedException;

  static LaneFeeder forInput(Input input, StreamMetadata metadata, List<LaneSender> lanes,
      ExecutorService workers, EventDispatcher events, StreamId streamId, AckSignal acks)
      throws IOException {
    if (input instanceof Input.ChannelInput) {
      return new RoundRobinFeeder(((Input.ChannelInput) input).channel(), metadata, lanes,
          workers, events, streamId, acks);
    }
    return new RangeFeeder(PositionalSource.open(input), metadata, lanes, workers, events,
        streamId);
  }
}
