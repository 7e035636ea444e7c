package dev.shade.transport.ws;

import dev.shade.streams.ErrorCode;
import dev.shade.transfer.spi.ChunkReceiver;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket chunk route of DESIGN.md, relative to {@code /v1/transfer}: {@code GET /ws}
 * upgrades to a connection on which a sender's binary messages are 0x11 envelopes and the
 * receiver's text frames are acks or errors (see {@link WsChunkTransport} for the sending side).
 * Envelopes are read header first and checked before their body is buffered; decryption and disk
 * writes run on worker threads.
 *
 * <p>Mount it beside the HTTP routes, on the same {@code /v1/transfer} router:
 *
 * <pre>{@code
 * Router transfer = TransferRoutes.create(vertx, shade);          // transport-http
 * WsRoutes.mount(transfer, vertx, shade.chunkReceiver());          // adds GET /ws
 * app.route("/v1/transfer/*").subRouter(transfer);
 * }</pre>
 *
 * The server's WebSocket frame cap must stay at Vert.x's default (64 KiB) or below, so that an
 * oversized frame is refused (close 1009) before its payload is buffered; senders fragment
 * envelopes into frames of that size.
 */
public final class WsRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(WsRoutes.class);

  private WsRoutes() {}

  /** Adds {@code GET /ws} to {@code router} (a router mounted at {@code /v1/transfer}). */
  public static Router mount(Router router, Vertx vertx, ChunkReceiver receiver) {
    router.get(WsProtocol.PATH).handler(ctx -> upgrade(vertx, receiver, ctx));
    router.route(WsProtocol.PATH).handler(WsRoutes::methodNotAllowed);
    return router;
  }

  private static void upgrade(Vertx vertx, ChunkReceiver receiver, RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.canUpgradeToWebSocket()) {
      answer(ctx, ErrorCode.MALFORMED, "GET /ws expects a WebSocket upgrade");
      return;
    }
    request.toWebSocket()
        .onSuccess(socket -> WsChunkSession.start(vertx, receiver, socket))
        .onFailure(e -> LOG.debug("WebSocket upgrade from {} failed: {}", request.remoteAddress(),
            e.toString()));
  }

  private static void methodNotAllowed(RoutingContext ctx) {
    ctx.response().putHeader("allow", "GET");
    answer(ctx, ErrorCode.METHOD_NOT_ALLOWED, ctx.request().method() + " not allowed; use GET");
  }

  private static void answer(RoutingContext ctx, ErrorCode code, String message) {
    ctx.response().setStatusCode(code.httpStatus()).putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", code.wireName()).put("message", message).encode());
  }
}
