package dev.shade.transfer.spi;

import dev.shade.streams.StreamId;

/**
 * A receiver's acknowledgement that one chunk is in its sink:
 * {@code {"streamId":b64u,"laneId":n,"seq":n,"duplicate":bool}}. {@code duplicate} is true when the
 * chunk had already arrived (authenticated again, never written twice).
 */
public record ChunkAck(StreamId streamId, int laneId, long seq, boolean duplicate) {}
