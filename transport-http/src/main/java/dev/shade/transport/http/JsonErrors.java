package dev.shade.transport.http;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.ShadeException;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes DESIGN.md's {@code {"error","message"}} bodies with honest statuses. */
final class JsonErrors {
  private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);

  private JsonErrors() {}

  static Future<Void> send(RoutingContext ctx, ErrorCode code, String message) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      response.reset();
      return Future.succeededFuture();
    }
    return response.setStatusCode(code.httpStatus())
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", code.wireName()).put("message", message).encode());
  }

  static void notFound(RoutingContext ctx) {
    send(ctx, ErrorCode.NOT_FOUND, "no such route");
  }

  static void methodNotAllowed(RoutingContext ctx) {
    send(ctx, ErrorCode.METHOD_NOT_ALLOWED, "method not allowed on this route");
  }

  /**
   * Maps a failure to its error body: Shade exceptions carry their code; anything else is this
   * node's own trouble (a store failure, a bug), answered 503 so the caller may retry, and logged.
   */
  static void fromFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ShadeException shade) {
      send(ctx, shade.errorCode(), shade.getMessage());
    } else if (failure == null && ctx.statusCode() == 413) {
      send(ctx, ErrorCode.TOO_LARGE, "request body too large");
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      send(ctx, ErrorCode.MALFORMED, "bad request");
    } else {
      LOG.error("control route failed", failure);
      send(ctx, ErrorCode.OVERLOADED, "this node could not process the request");
    }
  }
}
