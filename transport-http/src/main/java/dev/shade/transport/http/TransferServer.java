package dev.shade.transport.http;

import dev.shade.transfer.Shade;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * A node's routes running standalone: an HTTP server whose root router mounts {@link
 * TransferRoutes} under {@code /v1/transfer} and answers JSON 404/405 everywhere else, and JSON
 * 400/414/431 to requests that are not HTTP at all.
 *
 * <p>Other transports' routes join the same router without this module knowing them:
 *
 * <pre>{@code
 * Router transfer = TransferRoutes.create(vertx, shade);
 * WsRoutes.mount(transfer, vertx, shade.chunkReceiver());      // transport-ws: GET /ws
 * TransferServer.start(vertx, transfer, "127.0.0.1", 8080);
 * }</pre>
 */
public final class TransferServer {
  private TransferServer() {}

  public static Future<ControlServer> start(Vertx vertx, Shade shade, String host, int port) {
    return start(vertx, TransferRoutes.create(vertx, shade), host, port);
  }

  /** Serves {@code transferRoutes} (a {@code /v1/transfer} router) under {@code /v1/transfer}. */
  public static Future<ControlServer> start(Vertx vertx, Router transferRoutes, String host,
      int port) {
    Router root = Router.router(vertx);
    root.route("/v1/transfer/*").subRouter(transferRoutes);
    root.errorHandler(404, JsonErrors::notFound);
    root.errorHandler(405, JsonErrors::methodNotAllowed);
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(root).invalidRequestHandler(InvalidRequests::answer).listen(port, host)
        .map(listening -> new VertxControlServer(listening, host));
  }
}
