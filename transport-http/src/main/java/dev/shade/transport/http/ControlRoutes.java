package dev.shade.transport.http;

import dev.shade.streams.ControlEnvelope;
import dev.shade.streams.ErrorCode;
import dev.shade.transfer.control.ControlPlane;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The control-plane routes of DESIGN.md, as a Vert.x {@link Router} with paths relative to
 * {@code /v1/transfer}:
 *
 * <ul>
 *   <li>{@code GET /keys}: this node's prekey bundle (JSON), handing out one one-time prekey;
 *   <li>{@code POST /control}: one 0x02 envelope (at most 64 KiB, refused with 413 before it is
 *       read); answers the reply envelope ({@code application/octet-stream}) or 204.
 * </ul>
 *
 * Errors are JSON {@code {"error","message"}} with DESIGN.md's codes; a wrong method answers 405
 * {@code method_not_allowed} and an unknown path under the router 404 {@code not_found}. libsignal
 * and storage work runs on Vert.x worker threads, never on the event loop.
 *
 * <p>Mount it into an application's router:
 *
 * <pre>{@code
 * Router app = Router.router(vertx);
 * app.route("/v1/transfer/*").subRouter(ControlRoutes.create(vertx, plane));
 * }</pre>
 *
 * or run it standalone with {@link ControlServer}.
 */
public final class ControlRoutes {
  private ControlRoutes() {}

  public static Router create(Vertx vertx, ControlPlane plane) {
    Router router = Router.router(vertx);
    router.get("/keys").handler(ctx -> keys(vertx, plane, ctx))
        .failureHandler(JsonErrors::fromFailure);
    router.post("/control")
        .handler(new BoundedBodyHandler(ControlEnvelope.MAX_ENVELOPE_BYTES))
        .handler(ctx -> control(vertx, plane, ctx))
        .failureHandler(JsonErrors::fromFailure);
    router.route("/keys").handler(ControlRoutes::methodNotAllowed);
    router.route("/control").handler(ControlRoutes::methodNotAllowed);
    router.errorHandler(404, JsonErrors::notFound);
    router.errorHandler(405, JsonErrors::methodNotAllowed);
    return router;
  }

  private static void keys(Vertx vertx, ControlPlane plane, RoutingContext ctx) {
    vertx.executeBlocking(() -> plane.keys().publishBundle().toJson(), false)
        .onSuccess(json -> ctx.response().putHeader("content-type", "application/json")
            .putHeader("cache-control", "no-store").end(json))
        .onFailure(ctx::fail);
  }

  private static void control(Vertx vertx, ControlPlane plane, RoutingContext ctx) {
    byte[] envelope = ctx.<Buffer>get(BoundedBodyHandler.BODY).getBytes();
    vertx.executeBlocking(() -> plane.channel().receive(envelope), false)
        .onSuccess(reply -> answer(ctx, reply))
        .onFailure(ctx::fail);
  }

  private static void answer(RoutingContext ctx, Optional<byte[]> reply) {
    if (reply.isEmpty()) {
      ctx.response().setStatusCode(204).end();
    } else {
      ctx.response().putHeader("content-type", "application/octet-stream")
          .end(Buffer.buffer(reply.get()));
    }
  }

  private static void methodNotAllowed(RoutingContext ctx) {
    HttpMethod allowed = ctx.normalizedPath().endsWith("/keys") ? HttpMethod.GET : HttpMethod.POST;
    ctx.response().putHeader("allow", allowed.name());
    JsonErrors.send(ctx, ErrorCode.METHOD_NOT_ALLOWED,
        ctx.request().method() + " not allowed; use " + allowed.name());
  }
}
