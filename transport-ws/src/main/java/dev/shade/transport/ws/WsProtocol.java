package dev.shade.transport.ws;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.ControlLimits;

/**
 * The WebSocket chunk protocol on {@code GET /v1/transfer/ws}: one connection per peer carries
 * every lane of every stream the sender has for that receiver.
 *
 * <pre>
 * sender -> receiver   binary message = one 0x11 envelope, exactly as POSTed over HTTP,
 *                      fragmented into frames of at most MAX_FRAME_BYTES
 * receiver -> sender   text frame, one per envelope, in completion order (not send order):
 *                        ack   {"streamId":b64u,"laneId":n,"seq":n,"duplicate":bool}
 *                        error {"streamId":b64u|null,"laneId":n|null,"seq":n|null,
 *                               "error":code,"message":string}
 * </pre>
 *
 * The sender matches replies to its sends by (streamId, laneId, seq). An error names the chunk as
 * far as its header could be read ({@code null} where it could not). Error codes are DESIGN.md's.
 *
 * <p>Limits: a frame longer than {@link #MAX_FRAME_BYTES} is refused by the frame decoder before
 * its payload is buffered (close {@link #CLOSE_TOO_BIG}); Vert.x servers default to the same cap.
 * A message is read header first: its {@code ctLen} is checked against the receiver's chunk cap
 * before the body is buffered (error {@code too_large}, then close {@link #CLOSE_TOO_BIG}).
 *
 * <p>Close codes (RFC 6455, section 7.4.1): {@link #CLOSE_UNSUPPORTED_DATA} for any text sent to
 * the receiver (UTF-8 or not) and binary sent to the sender; {@link #CLOSE_INVALID_DATA} for a
 * text frame the sender cannot read as a reply; {@link #CLOSE_POLICY} for a message that goes on
 * past its envelope, and for a connection that leaves a send unanswered past the sender's timeout;
 * {@link #CLOSE_TOO_BIG} as above; {@link #CLOSE_INTERNAL_ERROR} when the receiver fails itself.
 */
final class WsProtocol {
  /** The route, relative to {@code /v1/transfer}. */
  static final String PATH = "/ws";
  /** The largest frame either side sends or accepts: Vert.x's default server cap. */
  static final int MAX_FRAME_BYTES = 64 * 1024;
  /** The largest reply (text) message a sender accepts. */
  static final int MAX_REPLY_BYTES = 16 * 1024;
  /** The largest envelope any receiver accepts: header + 16 MiB chunk + tag. */
  static final long MAX_ENVELOPE_BYTES = ChunkHeader.SIZE_BYTES
      + (long) ControlLimits.MAX_CHUNK_SIZE_BYTES + ChunkHeader.TAG_SIZE_BYTES;
  static final short CLOSE_NORMAL = 1000;
  static final short CLOSE_UNSUPPORTED_DATA = 1003;
  static final short CLOSE_INVALID_DATA = 1007;
  static final short CLOSE_POLICY = 1008;
  static final short CLOSE_TOO_BIG = 1009;
  static final short CLOSE_INTERNAL_ERROR = 1011;

  private WsProtocol() {}
}
