package dev.shade.transport.ws;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.ShadeException;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkReceiver;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sender's connection on the receiving node. Each binary message is read as a stream, as the
 * HTTP chunk route reads a body: the 36 header bytes first, checked by the engine (cap, stream,
 * lane, state) before a body buffer exists, then exactly {@code ctLen} bytes. The chunk is
 * delivered on a worker thread (decryption and disk never run on the event loop) and answered with
 * one text frame.
 *
 * <p>Flow control: the connection stops reading while the bodies it holds for delivery exceed
 * {@link #MAX_PENDING_BODY_BYTES} or while its replies cannot be written (the sender does not read
 * them); the sender's lane windows bound the rest. All methods run on the socket's event loop.
 */
final class WsChunkSession {
  /** Body bytes one connection may hold, read but not yet delivered, before it stops reading. */
  static final long MAX_PENDING_BODY_BYTES = 64L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(WsChunkSession.class);

  private enum Reading {
    /** Between messages. */
    IDLE,
    /** In a message, before its 36 header bytes are in. */
    HEADER,
    /** In an admitted message, copying its body. */
    BODY,
    /** In a refused message, skipping the rest of it. */
    SKIP
  }

  private final Vertx vertx;
  private final ChunkReceiver receiver;
  private final ServerWebSocket socket;
  private final byte[] header = new byte[ChunkHeader.SIZE_BYTES];
  private Reading reading = Reading.IDLE;
  private int headerRead;
  private EnvelopeRef chunk = EnvelopeRef.UNKNOWN;
  private ChunkReceiver.AdmittedChunk admitted;
  private byte[] body;
  private int bodyBytes;
  private int bodyRead;
  private long skipped;
  private long pendingBodyBytes;
  private boolean paused;
  private boolean closing;

  private WsChunkSession(Vertx vertx, ChunkReceiver receiver, ServerWebSocket socket) {
    this.vertx = vertx;
    this.receiver = receiver;
    this.socket = socket;
  }

  static void start(Vertx vertx, ChunkReceiver receiver, ServerWebSocket socket) {
    WsChunkSession session = new WsChunkSession(vertx, receiver, socket);
    socket.frameHandler(session::onFrame);
    socket.drainHandler(v -> session.updateFlow());
    socket.exceptionHandler(session::onException);
  }

  /** A frame the decoder refused (over the frame cap, say) fails the connection with its code. */
  private void onException(Throwable e) {
    LOG.debug("chunk socket from {}: {}", socket.remoteAddress(), e.toString());
    if (e instanceof CorruptedWebSocketFrameException corrupted) {
      close((short) corrupted.closeStatus().code(), corrupted.closeStatus().reasonText());
    }
  }

  private void onFrame(WebSocketFrame frame) {
    if (isClosed()) {
      return;
    }
    if (frame.isText() || (frame.isContinuation() && reading == Reading.IDLE)) {
      close(WsProtocol.CLOSE_UNSUPPORTED_DATA, "a sender sends binary envelopes only");
      return;
    }
    if (frame.isBinary()) {
      begin();
    }
    if (frame.isBinary() || frame.isContinuation()) {
      read(frame.binaryData());
      if (frame.isFinal() && !isClosed()) {
        end();
      }
    }
  }

  private void begin() {
    reading = Reading.HEADER;
    headerRead = 0;
    chunk = EnvelopeRef.UNKNOWN;
    skipped = 0;
  }

  private void read(Buffer data) {
    int at = 0;
    if (reading == Reading.HEADER) {
      at = Math.min(ChunkHeader.SIZE_BYTES - headerRead, data.length());
      data.getBytes(0, at, header, headerRead);
      headerRead += at;
      if (headerRead == ChunkHeader.SIZE_BYTES) {
        admit();
      }
    }
    int left = data.length() - at;
    if (reading == Reading.BODY) {
      if (left > bodyBytes - bodyRead) {
        refuse(ErrorCode.MALFORMED, "message goes on past its envelope's " + bodyBytes
            + " body bytes");
        close(WsProtocol.CLOSE_POLICY, "one message carries one envelope");
        return;
      }
      data.getBytes(at, data.length(), body, bodyRead);
      bodyRead += left;
    } else if (reading == Reading.SKIP) {
      skipped += left;
      if (skipped > WsProtocol.MAX_ENVELOPE_BYTES) {
        close(WsProtocol.CLOSE_TOO_BIG, "message over the largest envelope");
      }
    }
  }

  private void admit() {
    chunk = EnvelopeRef.of(header);
    try {
      admitted = receiver.admit(chunk.streamId(), header.clone());
    } catch (ShadeException e) {
      refuse(e.errorCode(), e.getMessage());
      if (e.errorCode() == ErrorCode.TOO_LARGE) {
        close(WsProtocol.CLOSE_TOO_BIG, "envelope over the chunk cap");
      }
      return;
    } catch (RuntimeException bug) {
      LOG.error("chunk admission failed", bug);
      close(WsProtocol.CLOSE_INTERNAL_ERROR, "this node could not process the chunk");
      return;
    }
    body = admitted.bodyBuffer();
    bodyBytes = admitted.bodyBytes();
    bodyRead = 0;
    reading = Reading.BODY;
    pendingBodyBytes += bodyBytes;
    updateFlow();
  }

  private void end() {
    if (reading == Reading.HEADER) {
      refuse(ErrorCode.MALFORMED, "envelope shorter than its " + ChunkHeader.SIZE_BYTES
          + "-byte header");
    } else if (reading == Reading.BODY && bodyRead != bodyBytes) {
      refuse(ErrorCode.MALFORMED, "envelope truncated: " + bodyRead + " of " + bodyBytes
          + " body bytes");
    } else if (reading == Reading.BODY) {
      deliver(admitted, body, bodyBytes, chunk);
    }
    reading = Reading.IDLE;
    admitted = null;
    body = null;
  }

  private void deliver(ChunkReceiver.AdmittedChunk admitted, byte[] body, int length,
      EnvelopeRef chunk) {
    vertx.executeBlocking(() -> receiver.deliver(admitted, body, length), false)
        .onComplete(delivered -> {
          pendingBodyBytes -= length;
          reply(delivered, chunk);
          updateFlow();
        });
  }

  private void reply(AsyncResult<ChunkAck> delivered, EnvelopeRef chunk) {
    if (delivered.succeeded()) {
      send(WsReplyWriter.ack(delivered.result()));
    } else if (delivered.cause() instanceof ShadeException refused) {
      send(WsReplyWriter.error(chunk, refused.errorCode(), refused.getMessage()));
    } else {
      LOG.error("chunk delivery failed", delivered.cause());
      send(WsReplyWriter.error(chunk, ErrorCode.OVERLOADED,
          "this node could not process the chunk"));
    }
  }

  /** Answers the current message with an error and skips the rest of it. */
  private void refuse(ErrorCode code, String message) {
    if (reading == Reading.BODY) {
      pendingBodyBytes -= bodyBytes;
      body = null;
    }
    reading = Reading.SKIP;
    send(WsReplyWriter.error(chunk, code, message));
    updateFlow();
  }

  private void send(String text) {
    if (!isClosed()) {
      socket.writeTextMessage(text);
    }
  }

  private void updateFlow() {
    if (isClosed()) {
      return;
    }
    boolean hold = pendingBodyBytes > MAX_PENDING_BODY_BYTES || socket.writeQueueFull();
    if (hold != paused) {
      paused = hold;
      if (hold) {
        socket.pause();
      } else {
        socket.resume();
      }
    }
  }

  private void close(short code, String reason) {
    body = null;
    reading = Reading.SKIP;
    if (!isClosed()) {
      closing = true;
      socket.close(code, reason);
    }
  }

  private boolean isClosed() {
    return closing || socket.isClosed();
  }
}
