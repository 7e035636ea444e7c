package dev.shade.transport.http;

import dev.shade.transfer.spi.PeerDirectory;

import dev.shade.resume.SqliteStores;
import dev.shade.streams.PeerAddress;
import dev.shade.transfer.control.ControlHandler;
import dev.shade.transfer.control.ControlPlane;
import dev.shade.transfer.control.TrustPolicy;
import dev.shade.transfer.spi.ProtocolStateStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A node for tests: a control plane on a real store, served by a real server on loopback. */
final class TestNode implements AutoCloseable {
  static final ControlHandler ECHO = (sender, plaintext) -> Optional.of(
      (sender + ":" + new String(plaintext, StandardCharsets.UTF_8)).getBytes(
          StandardCharsets.UTF_8));

  final PeerAddress address;
  final ControlPlane plane;
  final ControlServer server;

  private TestNode(PeerAddress address, ControlPlane plane, ControlServer server) {
    this.address = address;
    this.plane = plane;
    this.server = server;
  }

  static TestNode start(Vertx vertx, PeerDirectory endpoints, String address,
      Path sqliteFile, TrustPolicy policy) {
    ProtocolStateStore store = sqliteFile == null ? ProtocolStateStore.inMemory()
        : SqliteStores.openProtocolState(sqliteFile);
    PeerAddress peer = PeerAddress.parse(address);
    ControlPlane plane = ControlPlane.builder(store, peer).trustPolicy(policy).handler(ECHO)
        .transport(HttpControlTransport.create(vertx, endpoints::baseUrl, Duration.ofSeconds(10))).open();
    ControlServer server = await(ControlServer.start(vertx, plane, "127.0.0.1", 0));
    endpoints.remember(peer, server.baseUri());
    return new TestNode(peer, plane, server);
  }

  static TestNode start(Vertx vertx, PeerDirectory endpoints, String address, Path file) {
    return start(vertx, endpoints, address, file, TrustPolicy.TRUST_ON_FIRST_USE);
  }

  String request(PeerAddress to, String text) {
    return new String(plane.channel().request(to, text.getBytes(StandardCharsets.UTF_8))
        .orElseThrow(), StandardCharsets.UTF_8);
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
    plane.close();
  }
}
