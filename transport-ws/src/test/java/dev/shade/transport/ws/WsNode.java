package dev.shade.transport.ws;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.FallbackPolicy;
import dev.shade.transfer.Peer;
import dev.shade.transfer.RetryPolicy;
import dev.shade.transfer.Shade;
import dev.shade.transfer.TransferListener;
import dev.shade.transfer.spi.ChunkReceiver;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.PeerDirectory;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transport.http.ControlServer;
import dev.shade.transport.http.HttpChunkTransport;
import dev.shade.transport.http.HttpControlTransport;
import dev.shade.transport.http.TransferRoutes;
import dev.shade.transport.http.TransferServer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A whole Shade node for tests on a real server on loopback: the HTTP routes (control plane and
 * chunks) and, unless left out, the WebSocket route on the same {@code /v1/transfer} router; it
 * sends over the transports it is given, in order. This is where the two transports meet: only a
 * test (or an application) may import both.
 */
final class WsNode implements AutoCloseable {
  final Shade shade;
  final ControlServer server;

  private WsNode(Shade shade, ControlServer server) {
    this.shade = shade;
    this.server = server;
  }

  /** What a node is made of; the defaults send over [ws, http] and serve both. */
  record Options(List<String> transports, boolean servesWebSocket, TransferListener listener,
      UnaryOperator<ChunkReceiver> wsReceiver, FallbackPolicy fallback) {
    static Options defaults() {
      return new Options(List.of("ws", "http"), true, TransferListener.NONE,
          UnaryOperator.identity(), FallbackPolicy.DEFAULT);
    }

    Options sendingOver(String... names) {
      return new Options(List.of(names), servesWebSocket, listener, wsReceiver, fallback);
    }

    Options withoutWebSocketRoute() {
      return new Options(transports, false, listener, wsReceiver, fallback);
    }

    Options listener(TransferListener l) {
      return new Options(transports, servesWebSocket, l, wsReceiver, fallback);
    }

    /** Wraps the receiver the WebSocket route hands chunks to (to count what it answers). */
    Options wsReceiver(UnaryOperator<ChunkReceiver> wrap) {
      return new Options(transports, servesWebSocket, listener, wrap, fallback);
    }

    Options fallback(FallbackPolicy policy) {
      return new Options(transports, servesWebSocket, listener, wsReceiver, policy);
    }
  }

  static WsNode start(Vertx vertx, String address, Options options) {
    PeerDirectory peers = new PeerDirectory();
    Shade shade = Shade.builder().protocolStore(ProtocolStateStore.inMemory())
        .address(PeerAddress.parse(address)).peers(peers).listener(options.listener())
        .retryPolicy(new RetryPolicy(Duration.ofMillis(20), Duration.ofMillis(500),
            Duration.ofSeconds(60), 3))
        .fallbackPolicy(options.fallback())
        .controlTransport(HttpControlTransport.create(vertx, peers::baseUrl,
            Duration.ofSeconds(30)))
        .transports(factories(vertx, options.transports())).build();
    Router routes = TransferRoutes.create(vertx, shade);
    if (options.servesWebSocket()) {
      WsRoutes.mount(routes, vertx, options.wsReceiver().apply(shade.chunkReceiver()));
    }
    return new WsNode(shade, await(TransferServer.start(vertx, routes, "127.0.0.1", 0)));
  }

  private static ChunkTransportFactory[] factories(Vertx vertx, List<String> names) {
    return names.stream().map(name -> name.equals(WsChunkTransport.NAME)
        ? WsChunkTransport.factory(vertx, Duration.ofSeconds(10))
        : HttpChunkTransport.factory(vertx, Duration.ofSeconds(10)))
        .toArray(ChunkTransportFactory[]::new);
  }

  Peer peer() {
    return new Peer(shade.address(), server.baseUri());
  }

  int port() {
    return server.port();
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(server.close());
    shade.close();
  }
}
