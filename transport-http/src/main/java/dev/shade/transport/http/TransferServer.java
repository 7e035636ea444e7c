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
 */
public final class TransferServer {
  private TransferServer() {}

  public static Future<ControlServer> start(Vertx vertx, Shade shade, String host, int port) {
    Router root = Router.router(vertx);
    root.route("/v1/transfer/*").subRouter(TransferRoutes.create(vertx, shade));
    root.errorHandler(404, JsonErrors::notFound);
    root.errorHandler(405, JsonErrors::methodNotAllowed);
    return vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
        .requestHandler(root).invalidRequestHandler(InvalidRequests::answer).listen(port, host)
        .map(listening -> new VertxControlServer(listening, host));
  }
}
