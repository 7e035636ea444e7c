package dev.shade.cli;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.IncomingTransfer;
import dev.shade.transfer.Shade;
import dev.shade.transfer.spi.PeerDirectory;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transport.http.ControlServer;
import dev.shade.transport.http.HttpChunkTransport;
import dev.shade.transport.http.HttpControlTransport;
import dev.shade.transport.http.TransferServer;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A real Shade node inside the test JVM (a fresh identity in memory), serving on loopback: the peer
 * the jar talks to where the test is about the jar's side, or a sender that breaks rules the
 * command line keeps.
 */
final class EngineNode implements AutoCloseable {
  final Shade shade;
  final URI baseUrl;
  private final Vertx vertx;
  private final ControlServer server;

  private EngineNode(Shade shade, Vertx vertx, ControlServer server) {
    this.shade = shade;
    this.vertx = vertx;
    this.server = server;
    this.baseUrl = server.baseUri();
  }

  /** A node at {@code address} on {@code port} (0: any free one), deciding with {@code decide}. */
  static EngineNode start(String address, int port, Consumer<IncomingTransfer> decide) {
    return start(ProtocolStateStore.inMemory(), address, port, decide);
  }

  /** As above, with its identity and sessions in {@code store} (which it closes). */
  static EngineNode start(ProtocolStateStore store, String address, int port,
      Consumer<IncomingTransfer> decide) {
    Vertx vertx = Vertx.vertx();
    PeerDirectory peers = new PeerDirectory();
    Shade shade = Shade.builder().protocolStore(store)
        .address(PeerAddress.parse(address)).peers(peers).warmUpCrypto(false)
        .controlTransport(HttpControlTransport.create(vertx, peers::baseUrl,
            Duration.ofSeconds(30)))
        .transports(HttpChunkTransport.factory(vertx)).build();
    shade.onIncomingTransfer(decide);
    return new EngineNode(shade, vertx,
        LocalNode.await(TransferServer.start(vertx, shade, "127.0.0.1", port)));
  }

  int port() {
    return baseUrl.getPort();
  }

  @Override
  public void close() {
    LocalNode.await(server.close());
    shade.close();
    LocalNode.await(vertx.close());
  }
}
