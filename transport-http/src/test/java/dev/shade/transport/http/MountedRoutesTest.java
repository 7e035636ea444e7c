package dev.shade.transport.http;

import dev.shade.transfer.spi.PeerDirectory;

import static dev.shade.transport.http.RawHttp.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.control.ControlPlane;
import dev.shade.transfer.spi.ProtocolStateStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MountedRoutesTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    TestNode.await(vertx.close());
  }

  @Test
  void routesWorkMountedIntoAnApplicationRouter() {
    PeerDirectory endpoints = new PeerDirectory();
    ControlPlane bob = ControlPlane.builder(ProtocolStateStore.inMemory(),
        PeerAddress.parse("bob.1")).handler(TestNode.ECHO).open();
    Router app = Router.router(vertx);
    app.get("/health").handler(ctx -> ctx.response().end("ok"));
    app.route("/v1/transfer/*").subRouter(ControlRoutes.create(vertx, bob));
    HttpServer server = TestNode.await(
        vertx.createHttpServer().requestHandler(app).listen(0, "127.0.0.1"));
    URI base = URI.create("http://127.0.0.1:" + server.actualPort());
    endpoints.remember(PeerAddress.parse("bob.1"), base.resolve("/v1/transfer"));

    ControlPlane alice = ControlPlane.builder(ProtocolStateStore.inMemory(),
        PeerAddress.parse("alice.1"))
        .transport(HttpControlTransport.create(vertx, endpoints::baseUrl, Duration.ofSeconds(5))).open();
    byte[] reply = alice.channel().request(PeerAddress.parse("bob.1"), "mounted".getBytes())
        .orElseThrow();
    assertEquals("alice.1:mounted", new String(reply));

    HttpResponse<byte[]> health = RawHttp.send(HttpRequest.newBuilder(base.resolve("/health"))
        .build());
    assertEquals("ok", new String(health.body()));
    assertError(RawHttp.send(HttpRequest.newBuilder(base.resolve("/v1/transfer/control"))
        .build()), 405, "method_not_allowed");
  }
}
