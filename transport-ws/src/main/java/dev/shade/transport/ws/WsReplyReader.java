package dev.shade.transport.ws;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkRejectedException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/** Reads the receiver's text frames of {@link WsProtocol} on the sender's side. */
final class WsReplyReader {
  private WsReplyReader() {}

  /** A reply to the send named by {@code key}: either an ack or a refusal. */
  record Reply(AckKey key, ChunkAck ack, ChunkRejectedException refusal) {}

  /** Identifies one send: the chunk's (streamId, laneId, seq). */
  record AckKey(StreamId streamId, int laneId, long seq) {}

  /**
   * @throws IllegalArgumentException when {@code text} is not a reply, or is an error reply that
   *     names no chunk (nothing a conforming receiver sends to a conforming sender)
   */
  static Reply read(String text) {
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException e) {
      throw new IllegalArgumentException("reply is not a JSON object", e);
    }
    try {
      AckKey key = new AckKey(StreamId.parse(json.getString("streamId")),
          json.getInteger("laneId"), json.getLong("seq"));
      String error = json.getString("error");
      if (error == null) {
        ChunkAck ack = new ChunkAck(key.streamId(), key.laneId(), key.seq(),
            json.getBoolean("duplicate"));
        return new Reply(key, ack, null);
      }
      return new Reply(key, null, new ChunkRejectedException(errorCode(error),
          String.valueOf(json.getString("message"))));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("malformed reply: " + e.getMessage(), e);
    }
  }

  private static ErrorCode errorCode(String wireName) {
    return ErrorCode.fromWireName(wireName)
        .orElseThrow(() -> new IllegalArgumentException("unknown error code " + wireName));
  }
}
