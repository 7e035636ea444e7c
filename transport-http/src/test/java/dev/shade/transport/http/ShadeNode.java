package dev.shade.transport.http;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.Peer;
import dev.shade.transfer.RetryPolicy;
import dev.shade.transfer.Shade;
import dev.shade.transfer.spi.PeerDirectory;
import dev.shade.transfer.spi.ProtocolStateStore;
import io.vertx.core.Vertx;
import java.time.Duration;

/** A whole Shade node for tests: engine, in-memory protocol store, real HTTP server on loopback. */
final class ShadeNode implements AutoCloseable {
  final Shade shade;
  final ControlServer server;

  private ShadeNode(Shade shade, ControlServer server) {
    this.shade = shade;
    this.server = server;
  }

  static ShadeNode start(Vertx vertx, String address) {
    PeerDirectory peers = new PeerDirectory();
    return start(vertx, address, peers, peers::baseUrl, Duration.ofSeconds(30),
        RetryPolicy.DEFAULT);
  }

  /**
   * A node whose control requests go where {@code controlEndpoints} says (while chunks go to the
   * URL an upload names), with its own chunk timeout and retry policy.
   */
  static ShadeNode start(Vertx vertx, String address, PeerEndpoints controlEndpoints,
      Duration chunkTimeout, RetryPolicy retryPolicy) {
    return start(vertx, address, new PeerDirectory(), controlEndpoints, chunkTimeout, retryPolicy);
  }

  private static ShadeNode start(Vertx vertx, String address, PeerDirectory peers,
      PeerEndpoints controlEndpoints, Duration chunkTimeout, RetryPolicy retryPolicy) {
    Shade shade = Shade.builder().protocolStore(ProtocolStateStore.inMemory())
        .address(PeerAddress.parse(address)).peers(peers).retryPolicy(retryPolicy)
        .controlTransport(HttpControlTransport.create(vertx, controlEndpoints,
            Duration.ofSeconds(30)))
        .transports(HttpChunkTransport.factory(vertx, chunkTimeout)).build();
    ControlServer server = TestNode.await(TransferServer.start(vertx, shade, "127.0.0.1", 0));
    return new ShadeNode(shade, server);
  }

  Peer peer() {
    return new Peer(shade.address(), server.baseUri());
  }

  @Override
  public void close() {
    TestNode.await(server.close());
    shade.close();
  }
}
