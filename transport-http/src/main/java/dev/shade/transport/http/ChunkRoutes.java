package dev.shade.transport.http;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.ShadeException;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkReceiver;
import dev.shade.transfer.spi.LaneState;
import dev.shade.transfer.spi.StreamStateView;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The data-plane routes of DESIGN.md, relative to {@code /v1/transfer}:
 *
 * <ul>
 *   <li>{@code POST /:streamId/chunks}: one 0x11 envelope. The route reads the 36 header bytes
 *       first and has the engine check them (malformed 400, over the cap 413, unknown stream 404,
 *       wrong state 409) before it reads the body; then it reads exactly {@code ctLen} bytes and
 *       answers the JSON ack once the chunk is in the sink (or 422 when it fails
 *       authentication). No {@code BodyHandler}: nothing buffers more than one chunk.
 *   <li>{@code GET /:streamId/state}: {@code {"streamId","status","lanes":[{"laneId","lastSeqAcked"}]}}.
 * </ul>
 *
 * Decryption and disk writes run on worker threads, never on the event loop.
 */
public final class ChunkRoutes {
  private ChunkRoutes() {}

  /** Adds the chunk routes to {@code router} (a router mounted at {@code /v1/transfer}). */
  public static Router mount(Router router, Vertx vertx, ChunkReceiver receiver) {
    router.post("/:streamId/chunks").handler(ctx -> chunk(vertx, receiver, ctx))
        .failureHandler(JsonErrors::fromFailure);
    router.get("/:streamId/state").handler(ctx -> state(vertx, receiver, ctx))
        .failureHandler(JsonErrors::fromFailure);
    router.route("/:streamId/chunks").handler(ctx -> methodNotAllowed(ctx, HttpMethod.POST));
    router.route("/:streamId/state").handler(ctx -> methodNotAllowed(ctx, HttpMethod.GET));
    return router;
  }

  private static void chunk(Vertx vertx, ChunkReceiver receiver, RoutingContext ctx) {
    new ChunkUpload(vertx, receiver, ctx, ctx.pathParam("streamId")).start();
  }

  private static void state(Vertx vertx, ChunkReceiver receiver, RoutingContext ctx) {
    String streamId = ctx.pathParam("streamId");
    vertx.executeBlocking(() -> receiver.state(streamId), false)
        .onSuccess(view -> ctx.response().putHeader("content-type", "application/json")
            .putHeader("cache-control", "no-store").end(stateJson(view).encode()))
        .onFailure(ctx::fail);
  }

  static JsonObject stateJson(StreamStateView view) {
    JsonArray lanes = new JsonArray();
    for (LaneState lane : view.lanes()) {
      lanes.add(new JsonObject().put("laneId", lane.laneId()).put("lastSeqAcked", lane.lastSeqAcked()));
    }
    return new JsonObject().put("streamId", view.streamId().toBase64Url())
        .put("status", view.status().wireName()).put("lanes", lanes);
  }

  static JsonObject ackJson(ChunkAck ack) {
    return new JsonObject().put("streamId", ack.streamId().toBase64Url()).put("laneId", ack.laneId())
        .put("seq", ack.seq()).put("duplicate", ack.duplicate());
  }

  private static void methodNotAllowed(RoutingContext ctx, HttpMethod allowed) {
    ctx.response().putHeader("allow", allowed.name());
    JsonErrors.send(ctx, ErrorCode.METHOD_NOT_ALLOWED,
        ctx.request().method() + " not allowed; use " + allowed.name());
  }

  /**
   * One chunk request, read as a stream: header, checks, body, delivery. Runs on the request's
   * event loop; only {@link ChunkReceiver#deliver} goes to a worker.
   */
  private static final class ChunkUpload {
    private final Vertx vertx;
    private final ChunkReceiver receiver;
    private final RoutingContext ctx;
    private final HttpServerRequest request;
    private final String streamId;
    private final Buffer header = Buffer.buffer(ChunkHeader.SIZE_BYTES);
    private ChunkReceiver.AdmittedChunk admitted;
    private byte[] body;
    private int bodyBytes;
    private int bodyRead;
    private boolean answered;

    ChunkUpload(Vertx vertx, ChunkReceiver receiver, RoutingContext ctx, String streamId) {
      this.vertx = vertx;
      this.receiver = receiver;
      this.ctx = ctx;
      this.request = ctx.request();
      this.streamId = streamId;
    }

    void start() {
      request.handler(this::onData);
      request.endHandler(v -> onEnd());
      request.exceptionHandler(e -> answered = true);
      request.resume();
    }

    private void onData(Buffer data) {
      if (answered) {
        return;
      }
      int at = 0;
      if (admitted == null) {
        int take = Math.min(ChunkHeader.SIZE_BYTES - header.length(), data.length());
        header.appendBuffer(data, 0, take);
        at = take;
        if (header.length() < ChunkHeader.SIZE_BYTES) {
          return;
        }
        try {
          admitted = receiver.admit(streamId, header.getBytes());
        } catch (ShadeException e) {
          refuse(e.errorCode(), e.getMessage());
          return;
        } catch (RuntimeException bug) {
          // a data handler that throws leaves the request unanswered: answer 503 and log instead
          answered = true;
          body = null;
          ctx.fail(bug);
          return;
        }
        body = admitted.bodyBuffer();
        bodyBytes = admitted.bodyBytes();
      }
      int left = data.length() - at;
      if (left > bodyBytes - bodyRead) {
        refuse(ErrorCode.MALFORMED, "trailing bytes after the envelope's " + bodyBytes + " body bytes");
        return;
      }
      data.getBytes(at, data.length(), body, bodyRead);
      bodyRead += left;
    }

    private void onEnd() {
      if (answered) {
        return;
      }
      if (admitted == null) {
        refuse(ErrorCode.MALFORMED, "envelope shorter than its " + ChunkHeader.SIZE_BYTES + "-byte header");
        return;
      }
      if (bodyRead != bodyBytes) {
        refuse(ErrorCode.MALFORMED, "envelope truncated: " + bodyRead + " of " + bodyBytes
            + " body bytes");
        return;
      }
      answered = true;
      vertx.executeBlocking(() -> receiver.deliver(admitted, body, bodyBytes), false)
          .onSuccess(ack -> ctx.response().putHeader("content-type", "application/json")
              .end(ackJson(ack).encode()))
          .onFailure(ctx::fail);
    }

    /** Answers at once, without reading the rest, and stops the exchange after the answer. */
    private void refuse(ErrorCode code, String message) {
      answered = true;
      body = null;
      if (request.isEnded()) {
        JsonErrors.send(ctx, code, message);
        return;
      }
      UnreadBodies.answerThenStop(ctx, () -> JsonErrors.send(ctx, code, message));
    }
  }
}
