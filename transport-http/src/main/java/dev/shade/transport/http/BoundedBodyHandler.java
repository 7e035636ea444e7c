package dev.shade.transport.http;

import dev.shade.streams.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body of at most {@code capBytes} into the routing context: a declared
 * Content-Length over the cap is refused with 413 before a byte of the body is read, and a body
 * without a length (chunked) is refused the moment it passes the cap. A refused request's
 * connection is then closed, since the rest of its body is still on the wire; the close lingers
 * (discarding up to {@link #LINGER_DISCARD_BYTES} for at most {@link #LINGER_MILLIS}) so that a
 * client still sending does not get a reset before it reads the 413. Must be the first handler of
 * its route (Vert.x delivers body data only to a handler set before it arrives).
 */
final class BoundedBodyHandler implements Handler<RoutingContext> {
  static final String BODY = "shade.body";
  static final long LINGER_DISCARD_BYTES = 1024 * 1024;
  static final long LINGER_MILLIS = 2000;

  private final int capBytes;

  BoundedBodyHandler(int capBytes) {
    this.capBytes = capBytes;
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      long length;
      try {
        length = Long.parseLong(declared);
      } catch (NumberFormatException e) {
        refuse(ctx, ErrorCode.MALFORMED, "bad Content-Length");
        return;
      }
      if (length > capBytes) {
        refuse(ctx, ErrorCode.TOO_LARGE, "body of " + length + " bytes over the cap of "
            + capBytes);
        return;
      }
    }
    Buffer body = Buffer.buffer();
    boolean[] refused = {false};
    request.handler(chunk -> {
      if (refused[0]) {
        return;
      }
      if (body.length() + chunk.length() > capBytes) {
        refused[0] = true;
        refuse(ctx, ErrorCode.TOO_LARGE, "body over the cap of " + capBytes + " bytes");
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(e -> refused[0] = true);
    request.endHandler(v -> {
      if (!refused[0]) {
        ctx.put(BODY, body);
        ctx.next();
      }
    });
    request.resume();
  }

  private static void refuse(RoutingContext ctx, ErrorCode code, String message) {
    ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
    JsonErrors.send(ctx, code, message).onComplete(v -> lingerThenClose(ctx));
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
