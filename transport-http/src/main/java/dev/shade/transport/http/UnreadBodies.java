package dev.shade.transport.http;

import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Ends an exchange answered before its request body was read (a refused header, a length over the
 * cap). Over HTTP/1.x the rest of the body would be parsed as the next request, so the connection
 * is closed once the answer is written. Over HTTP/2 only that stream is reset with {@code
 * NO_ERROR} after the answer (RFC 9113, section 8.1): closing the connection would kill every other
 * stream on it, and HTTP/2 forbids the {@code connection} header.
 */
final class UnreadBodies {
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
        request.connection().close();
      }
    });
  }
}
