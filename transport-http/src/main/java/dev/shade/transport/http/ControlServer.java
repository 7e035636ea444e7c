package dev.shade.transport.http;

import dev.shade.transfer.control.ControlPlane;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;

/**
 * The control routes running standalone: an HTTP server whose root router mounts
 * {@link ControlRoutes} under {@code /v1/transfer} and answers JSON 404/405 everywhere else.
 *
 * <pre>{@code
 * ControlServer server = ControlServer.start(vertx, plane, "127.0.0.1", 0)
 *     .toCompletionStage().toCompletableFuture().get();
 * URI base = server.baseUri();   // http://127.0.0.1:<port>/v1/transfer
 * }</pre>
 */
public interface ControlServer {
  int port();

  /** {@code http://host:port/v1/transfer}. */
  java.net.URI baseUri();

  /** Stops listening. Idempotent. */
  Future<Void> close();

  static Future<ControlServer> start(Vertx vertx, ControlPlane plane, String host, int port) {
    Router root = Router.router(vertx);
    root.route("/v1/transfer/*").subRouter(ControlRoutes.create(vertx, plane));
    root.errorHandler(404, JsonErrors::notFound);
    root.errorHandler(405, JsonErrors::methodNotAllowed);
    HttpServer server = vertx.createHttpServer().requestHandler(root);
    return server.listen(port, host).map(listening -> new VertxControlServer(listening, host));
  }
}
