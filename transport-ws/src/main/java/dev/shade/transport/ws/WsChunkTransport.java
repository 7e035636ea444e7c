package dev.shade.transport.ws;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkTransport;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.StreamStateView;
import dev.shade.transfer.spi.TransferTransportError;
import dev.shade.transport.ws.WsReplyReader.AckKey;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The WebSocket chunk client: one connection per peer ({@code GET /v1/transfer/ws}) carries every
 * lane of every stream to that peer. Each envelope goes out as one binary message, fragmented into
 * 64 KiB frames; the receiver answers each with a text frame (the JSON ack, or an error with
 * DESIGN.md's code), matched to its send by (streamId, laneId, seq).
 *
 * <p>Errors: a JSON error reply becomes a {@link dev.shade.transfer.spi.ChunkRejectedException}
 * with its code; a refused upgrade, a failed connect, a dropped connection or a send left without
 * a reply for the timeout become {@link TransferTransportError}s, the refused upgrade of kind
 * {@link TransferTransportError.Kind#TRANSPORT_REFUSED} so that a fallback moves on at once. After
 * a drop the next send reconnects, backing off from 50 ms to 2 s while connections carry nothing.
 * The state query goes over HTTP ({@code GET /:streamId/state}) to the same server.
 *
 * <p>Flow control: envelopes are written only while the socket's write queue has room, the rest
 * wait for its drain; how many wait is bounded by the engine's lane windows.
 *
 * <pre>{@code
 * Shade shade = Shade.builder()...
 *     .transports(WsChunkTransport.factory(vertx), HttpChunkTransport.factory(vertx)).build();
 * }</pre>
 */
public final class WsChunkTransport implements ChunkTransport {
  public static final String NAME = "ws";
  private final PeerSocket socket;
  private final StateQuery states;

  private WsChunkTransport(PeerSocket socket, StateQuery states) {
    this.socket = socket;
    this.states = states;
  }

  /** A factory whose transports share {@code vertx}; each holds one connection to one peer. */
  public static ChunkTransportFactory factory(Vertx vertx) {
    return factory(vertx, Duration.ofSeconds(30));
  }

  /** As {@link #factory(Vertx)}, with the time a connect or a chunk's reply may take. */
  public static ChunkTransportFactory factory(Vertx vertx, Duration timeout) {
    return new ChunkTransportFactory() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public ChunkTransport connect(URI peerBaseUrl) {
        return create(vertx, PeerUrl.of(peerBaseUrl), timeout);
      }
    };
  }

  private static WsChunkTransport create(Vertx vertx, PeerUrl peer, Duration timeout) {
    int connectTimeoutMs = (int) Math.min(timeout.toMillis(), 10_000);
    WebSocketClientOptions options = new WebSocketClientOptions()
        .setMaxFrameSize(WsProtocol.MAX_FRAME_BYTES).setMaxMessageSize(WsProtocol.MAX_REPLY_BYTES)
        .setTcpNoDelay(true).setConnectTimeout(connectTimeoutMs);
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost(peer.host())
        .setPort(peer.port()).setSsl(peer.tls()).setURI(peer.path(WsProtocol.PATH))
        .setTimeout(timeout.toMillis());
    PeerSocket socket = new PeerSocket(vertx, vertx.createWebSocketClient(options), connect,
        timeout.toMillis());
    StateQuery states = new StateQuery(vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout(connectTimeoutMs)), peer, timeout.toMillis());
    return new WsChunkTransport(socket, states);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletableFuture<ChunkAck> send(StreamId streamId, byte[] envelope) {
    ChunkHeader header;
    try {
      header = ChunkHeader.parse(envelope, Long.MAX_VALUE);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("not a chunk envelope: " + e.getMessage(), e));
    }
    if (!header.streamId().equals(streamId)) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("envelope of another stream than " + streamId));
    }
    return socket.send(new AckKey(streamId, header.laneId(), header.seq()), envelope);
  }

  @Override
  public CompletableFuture<StreamStateView> state(StreamId streamId) {
    return states.ask(streamId);
  }

  @Override
  public void close() {
    socket.close();
    states.close();
  }
}
