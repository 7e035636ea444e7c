package dev.shade.transport.ws;

import dev.shade.streams.ErrorCode;
import dev.shade.transfer.spi.ChunkAck;
import io.vertx.core.json.JsonObject;

/** Writes the receiver's text frames of {@link WsProtocol}: acks and errors. */
final class WsReplyWriter {
  private WsReplyWriter() {}

  static String ack(ChunkAck ack) {
    return new JsonObject().put("streamId", ack.streamId().toBase64Url())
        .put("laneId", ack.laneId()).put("seq", ack.seq()).put("duplicate", ack.duplicate())
        .encode();
  }

  static String error(EnvelopeRef chunk, ErrorCode code, String message) {
    return new JsonObject().put("streamId", chunk.streamId()).put("laneId", chunk.laneId())
        .put("seq", chunk.seq()).put("error", code.wireName()).put("message", message).encode();
  }
}
