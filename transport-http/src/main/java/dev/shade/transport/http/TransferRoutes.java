package dev.shade.transport.http;

import dev.shade.transfer.Shade;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * All of a node's {@code /v1/transfer} routes in one {@link Router}: {@code GET /keys}, {@code POST
 * /control}, {@code POST /:streamId/chunks}, {@code GET /:streamId/state}. Mount it into an
 * application's router:
 *
 * <pre>{@code
 * Router app = Router.router(vertx);
 * app.route("/v1/transfer/*").subRouter(TransferRoutes.create(vertx, shade));
 * }</pre>
 */
public final class TransferRoutes {
  private TransferRoutes() {}

  public static Router create(Vertx vertx, Shade shade) {
    Router router = ControlRoutes.create(vertx, shade.controlPlane());
    return ChunkRoutes.mount(router, vertx, shade.chunkReceiver());
  }
}
