package dev.shade.transport.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends an exchange answered before its request body was read (a refused header, a length over the
 * cap). Over HTTP/1.x the rest of the body would be parsed as the next request, so the connection
 * is closed once the answer is written; the close lingers (discarding up to {@link
 * #LINGER_DISCARD_BYTES} for at most {@link #LINGER_MILLIS}) so that a client still sending does
 * not get a reset before it reads the answer. Over HTTP/2 only that stream is reset with {@code
 * NO_ERROR} after the answer (RFC 9113, section 8.1): closing the connection would kill every other
 * stream on it, and HTTP/2 forbids the {@code connection} header.
 */
final class UnreadBodies {
  static final long LINGER_DISCARD_BYTES = 1024 * 1024;
  static final long LINGER_MILLIS = 2000;

  private UnreadBodies() {}

  /** Call before writing the answer; {@code send} writes it. */
  static void answerThenStop(RoutingContext ctx, java.util.function.Supplier<Future<Void>> send) {
    HttpServerRequest request = ctx.request();
    boolean http2 = request.version() == HttpVersion.HTTP_2;
    if (!http2) {
      ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    }
    send.get().onComplete(written -> {
      if (http2) {
        ctx.response().reset(0);
      } else {
        lingerThenClose(ctx);
      }
    });
  }

  private static void lingerThenClose(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (request.isEnded()) {
      request.connection().close();
      return;
    }
    long timer = ctx.vertx().setTimer(LINGER_MILLIS, id -> request.connection().close());
    long[] discarded = {0};
    request.handler(chunk -> {
      discarded[0] += chunk.length();
      if (discarded[0] > LINGER_DISCARD_BYTES) {
        ctx.vertx().cancelTimer(timer);
        request.connection().close();
      }
    });
    request.endHandler(end -> {
      ctx.vertx().cancelTimer(timer);
      request.connection().close();
    });
    request.resume();
  }
}
