package dev.shade.transport.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServer;
import java.net.URI;

final class VertxControlServer implements ControlServer {
  private final HttpServer server;
  private final String host;

  VertxControlServer(HttpServer server, String host) {
    this.server = server;
    this.host = host;
  }

  @Override
  public int port() {
    return server.actualPort();
  }

  @Override
  public URI baseUri() {
    return URI.create("http://" + host + ":" + port() + "/v1/transfer");
  }

  @Override
  public Future<Void> close() {
    return server.close();
  }
}
