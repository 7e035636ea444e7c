package dev.shade.transport.http;

import dev.shade.streams.ErrorCode;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Answers requests the HTTP decoder could not parse (a broken request line, a line or headers over
 * the server's limits) with DESIGN.md's JSON error instead of Vert.x's empty default, keeping its
 * honest statuses: 414 for a request line, 431 for headers, 400 otherwise, all {@code malformed}.
 * The connection is closed after the answer: nothing after a broken head can be trusted.
 */
final class InvalidRequests {
  private InvalidRequests() {}

  static void answer(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    int status = 400;
    String message = "the request could not be parsed as HTTP/1.1";
    if (cause instanceof TooLongHttpLineException) {
      status = 414;
      message = "request line over the server's limit";
    } else if (cause instanceof TooLongHttpHeaderException
        || cause instanceof TooLongFrameException) {
      status = 431;
      message = "headers over the server's limit";
    }
    String body = new JsonObject().put("error", ErrorCode.MALFORMED.wireName())
        .put("message", message).encode();
    request.response().setStatusCode(status).putHeader("content-type", "application/json")
        .putHeader("connection", "close").end(body)
        .onComplete(v -> request.connection().close());
  }
}
