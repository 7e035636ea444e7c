package dev.shade.transport.ws;

import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.TransferTransportError;
import dev.shade.transport.ws.WsReplyReader.AckKey;
import dev.shade.transport.ws.WsReplyReader.Reply;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one WebSocket to a peer that carries every send, with what it takes to keep it: connecting
 * on demand, reconnecting with backoff after a drop, an outbox written only while the socket can
 * take more (its size is bounded by the engine's lane windows, not here), and the sends awaiting
 * their reply, matched by (streamId, laneId, seq).
 *
 * <p>A drop or a failed connect fails every send then outstanding with a {@link
 * TransferTransportError}: the engine re-sends the same envelopes (here or on another transport),
 * and the receiver acknowledges a chunk it already holds as a duplicate. A refused upgrade (an HTTP
 * 4xx answer) is {@link TransferTransportError.Kind#TRANSPORT_REFUSED}.
 *
 * <p>Confined to one Vert.x context: every method but {@link #send} and {@link #close} runs on it.
 */
final class PeerSocket {
  private static final Logger LOG = LoggerFactory.getLogger(PeerSocket.class);
  private static final long FIRST_BACKOFF_MS = 50;
  private static final long MAX_BACKOFF_MS = 2_000;
  private static final long SWEEP_MS = 1_000;
  private final Vertx vertx;
  private final Context context;
  private final WebSocketClient client;
  private final WebSocketConnectOptions connect;
  private final long replyTimeoutMs;
  private final Map<AckKey, Outgoing> outstanding = new HashMap<>();
  private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
  private WebSocket socket;
  private long sweepTimer = -1;
  private long reconnectTimer = -1;
  private boolean connecting;
  private boolean closed;
  private boolean repliedOnSocket;
  private int failedConnects;
  private long nextConnectAtMs;

  /** One send: written once the socket takes it, then awaiting its reply until the deadline. */
  private static final class Outgoing {
    final AckKey key;
    final byte[] envelope;
    final CompletableFuture<ChunkAck> reply = new CompletableFuture<>();
    long deadlineMs;

    Outgoing(AckKey key, byte[] envelope) {
      this.key = key;
      this.envelope = envelope;
    }
  }

  PeerSocket(Vertx vertx, WebSocketClient client, WebSocketConnectOptions connect,
      long replyTimeoutMs) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.client = client;
    this.connect = connect;
    this.replyTimeoutMs = replyTimeoutMs;
  }

  /** Queues one envelope; any thread. */
  CompletableFuture<ChunkAck> send(AckKey key, byte[] envelope) {
    Outgoing out = new Outgoing(key, envelope);
    context.runOnContext(v -> enqueue(out));
    return out.reply;
  }

  /** Fails what is outstanding and closes the socket; any thread; idempotent. */
  void close() {
    context.runOnContext(v -> {
      if (closed) {
        return;
      }
      closed = true;
      vertx.cancelTimer(reconnectTimer);
      WebSocket open = socket;
      detach(new TransferTransportError(WsChunkTransport.NAME, "transport closed"));
      if (open != null) {
        open.close(WsProtocol.CLOSE_NORMAL, "bye");
      }
      client.close();
    });
  }

  private void enqueue(Outgoing out) {
    if (closed) {
      out.reply.completeExceptionally(
          new TransferTransportError(WsChunkTransport.NAME, "transport closed"));
      return;
    }
    Outgoing previous = outstanding.put(out.key, out);
    if (previous != null) {
      outbox.remove(previous);
      previous.reply.completeExceptionally(new TransferTransportError(WsChunkTransport.NAME,
          "superseded by a re-send of the same chunk"));
    }
    outbox.add(out);
    pump();
  }

  /** Writes from the outbox while the socket takes more; connects when there is none. */
  private void pump() {
    if (socket == null) {
      connectWhenDue();
      return;
    }
    while (!outbox.isEmpty() && !socket.writeQueueFull()) {
      Outgoing out = outbox.poll();
      out.deadlineMs = nowMs() + replyTimeoutMs;
      // no copy: the engine reuses the array only after its ack, which follows the last frame
      socket.writeBinaryMessage(BufferInternal.buffer(Unpooled.wrappedBuffer(out.envelope)));
    }
  }

  private void connectWhenDue() {
    if (connecting || reconnectTimer != -1 || closed || outbox.isEmpty()) {
      return;
    }
    long waitMs = nextConnectAtMs - nowMs();
    if (waitMs > 0) {
      reconnectTimer = vertx.setTimer(waitMs, id -> {
        reconnectTimer = -1;
        connectWhenDue();
      });
      return;
    }
    connecting = true;
    client.connect(connect).onComplete(ar -> {
      connecting = false;
      if (ar.succeeded()) {
        opened(ar.result());
      } else {
        connectFailed(ar.cause());
      }
    });
  }

  private void opened(WebSocket ws) {
    if (closed) {
      ws.close(WsProtocol.CLOSE_NORMAL, "bye");
      return;
    }
    socket = ws;
    repliedOnSocket = false;
    ws.textMessageHandler(text -> onReply(ws, text));
    ws.binaryMessageHandler(data -> ws.close(WsProtocol.CLOSE_UNSUPPORTED_DATA,
        "a receiver sends text replies only"));
    ws.exceptionHandler(e -> LOG.debug("chunk socket to {}: {}", connect.getHost(), e.toString()));
    ws.drainHandler(v -> pump());
    ws.closeHandler(v -> dropped(ws));
    sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> sweep(ws));
    pump();
  }

  private void onReply(WebSocket ws, String text) {
    Reply reply;
    try {
      reply = WsReplyReader.read(text);
    } catch (IllegalArgumentException e) {
      LOG.debug("closing chunk socket to {}: {}", connect.getHost(), e.getMessage());
      ws.close(WsProtocol.CLOSE_INVALID_DATA, "not a chunk reply");
      return;
    }
    Outgoing out = outstanding.get(reply.key());
    if (out == null || out.deadlineMs == 0) {
      LOG.debug("reply for no outstanding send: {}", reply.key());
      return;
    }
    outstanding.remove(reply.key());
    repliedOnSocket = true;
    failedConnects = 0;
    if (reply.ack() != null) {
      out.reply.complete(reply.ack());
    } else {
      out.reply.completeExceptionally(reply.refusal());
    }
  }

  /** A socket that leaves sends unanswered past their deadline is presumed dead. */
  private void sweep(WebSocket ws) {
    long now = nowMs();
    if (outstanding.values().stream().anyMatch(o -> o.deadlineMs != 0 && now > o.deadlineMs)) {
      LOG.debug("no reply from {} within {} ms; reconnecting", connect.getHost(), replyTimeoutMs);
      dropped(ws);
      ws.close(WsProtocol.CLOSE_POLICY, "no reply in time");
    }
  }

  private void connectFailed(Throwable cause) {
    backOff();
    TransferTransportError error;
    if (cause instanceof UpgradeRejectedException rejected && rejected.getStatus() >= 400
        && rejected.getStatus() < 500) {
      error = new TransferTransportError(WsChunkTransport.NAME,
          TransferTransportError.Kind.TRANSPORT_REFUSED,
          "upgrade refused with HTTP " + rejected.getStatus(), cause);
    } else {
      error = new TransferTransportError(WsChunkTransport.NAME,
          "cannot connect: " + cause.getMessage(), cause);
    }
    detach(error);
  }

  private void dropped(WebSocket ws) {
    if (socket != ws) {
      return;
    }
    if (!repliedOnSocket) {
      backOff(); // the connection carried nothing: reconnecting at once could spin
    }
    detach(new TransferTransportError(WsChunkTransport.NAME, "connection closed ("
        + ws.closeStatusCode() + (ws.closeReason() == null ? "" : " " + ws.closeReason()) + ")"));
  }

  private void backOff() {
    failedConnects++;
    long backoffMs = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(failedConnects - 1, 16));
    nextConnectAtMs = nowMs() + backoffMs;
  }

  /** Forgets the socket and fails every outstanding send with {@code error}. */
  private void detach(TransferTransportError error) {
    socket = null;
    vertx.cancelTimer(sweepTimer);
    sweepTimer = -1;
    List<Outgoing> failed = new ArrayList<>(outstanding.values());
    outstanding.clear();
    outbox.clear();
    failed.forEach(out -> out.reply.completeExceptionally(error));
  }

  private static long nowMs() {
    return System.nanoTime() / 1_000_000;
  }
}
