package dev.shade.transport.http;

import io.vertx.core.Vertx;

/** Alice and Bob, two whole nodes on real servers on loopback, sharing one Vert.x; for test classes. */
final class TwoNodes implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final ShadeNode alice = ShadeNode.start(vertx, "alice.1");
  final ShadeNode bob = ShadeNode.start(vertx, "bob.1");

  @Override
  public void close() {
    alice.close();
    bob.close();
    TestNode.await(vertx.close());
  }
}
