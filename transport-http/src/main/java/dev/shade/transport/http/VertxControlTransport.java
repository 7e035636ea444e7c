package dev.shade.transport.http;

import dev.shade.streams.ControlEnvelope;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.PeerAddress;
import dev.shade.transfer.control.ControlException;
import dev.shade.transfer.control.ControlTransport;
import dev.shade.transfer.control.PreKeyBundleJson;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

final class VertxControlTransport implements ControlTransport {
  /** A bundle is about 2.4 KiB of JSON; anything far larger is not a bundle. */
  private static final int MAX_BUNDLE_BYTES = 16 * 1024;

  private final Context context;
  private final HttpClient client;
  private final PeerEndpoints endpoints;
  private final Duration timeout;

  private VertxControlTransport(Context context, HttpClient client, PeerEndpoints endpoints,
      Duration timeout) {
    this.context = context;
    this.client = client;
    this.endpoints = endpoints;
    this.timeout = timeout;
  }

  static VertxControlTransport create(Vertx vertx, PeerEndpoints endpoints, Duration timeout) {
    HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true),
        new PoolOptions().setHttp1MaxSize(16));
    return new VertxControlTransport(vertx.getOrCreateContext(), client, endpoints, timeout);
  }

  private record Answer(int status, Buffer body) {}

  /** One bundle from {@code baseUrl}, with a client that is closed afterwards. */
  static PreKeyBundleJson fetchBundle(Vertx vertx, URI baseUrl, Duration timeout) {
    VertxControlTransport transport = create(vertx, peer -> baseUrl, timeout);
    try {
      return transport.bundleAt(baseUrl, baseUrl.toString());
    } finally {
      transport.client.close();
    }
  }

  @Override
  public PreKeyBundleJson fetchBundle(PeerAddress peer) {
    return bundleAt(endpoints.baseUri(peer), peer.toString());
  }

  private PreKeyBundleJson bundleAt(URI base, String peer) {
    Answer answer = exchange(HttpMethod.GET, base, peer, "/keys", null, MAX_BUNDLE_BYTES);
    if (answer.status() != 200) {
      throw refusal(peer, answer);
    }
    return PreKeyBundleJson.parse(answer.body().toString(StandardCharsets.UTF_8));
  }

  @Override
  public Optional<byte[]> deliver(PeerAddress peer, byte[] envelope) {
    Answer answer = exchange(HttpMethod.POST, endpoints.baseUri(peer), peer.toString(), "/control",
        Buffer.buffer(envelope), ControlEnvelope.MAX_ENVELOPE_BYTES);
    switch (answer.status()) {
      case 200:
        return Optional.of(answer.body().getBytes());
      case 204:
        return Optional.empty();
      default:
        throw refusal(peer.toString(), answer);
    }
  }

  /** One request to {@code base + path}; {@code peer} names the other side in errors. */
  private Answer exchange(HttpMethod method, URI base, String peer, String path, Buffer body,
      int capBytes) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("blocking control transport called on an event loop");
    }
    RequestOptions options = new RequestOptions().setMethod(method)
        .setAbsoluteURI(base + path).setTimeout(timeout.toMillis());
    if (body != null) {
      options.putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream");
    }
    // The chain is built on the event loop so that the response handler is in place before any
    // body data arrives; built elsewhere, its callbacks could run after the response ended.
    Promise<Answer> answer = Promise.promise();
    context.runOnContext(v -> client.request(options)
        .compose(request -> body == null ? request.send() : request.send(body))
        .compose(response -> readBounded(response, capBytes))
        .onComplete(answer));
    try {
      return answer.future().toCompletionStage().toCompletableFuture()
          .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted talking to " + peer, e));
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new UncheckedIOException(new IOException(peer + " unreachable: " + cause, cause));
    }
  }

  private static Future<Answer> readBounded(HttpClientResponse response, int capBytes) {
    Promise<Answer> promise = Promise.promise();
    String declared = response.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (declared != null && parseLength(declared) > capBytes) {
      response.request().reset();
      return Future.failedFuture(new IOException("response over " + capBytes + " bytes"));
    }
    Buffer body = Buffer.buffer();
    response.handler(chunk -> {
      if (body.length() + chunk.length() > capBytes) {
        response.request().reset();
        promise.tryFail(new IOException("response over " + capBytes + " bytes"));
      } else {
        body.appendBuffer(chunk);
      }
    });
    response.exceptionHandler(promise::tryFail);
    response.endHandler(v -> promise.tryComplete(new Answer(response.statusCode(), body)));
    return promise.future();
  }

  private static long parseLength(String declared) {
    try {
      return Long.parseLong(declared);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static RuntimeException refusal(String peer, Answer answer) {
    try {
      JsonObject error = new JsonObject(answer.body());
      String name = error.getString("error");
      Optional<ErrorCode> code = ErrorCode.fromWireName(name);
      if (code.isPresent()) {
        return new ControlException(code.get(), peer + " answered " + answer.status() + " " + name
            + ": " + error.getString("message"));
      }
    } catch (DecodeException | ClassCastException e) {
      // not a Shade error body: report the status below
    }
    return new UncheckedIOException(new IOException(
        peer + " answered HTTP " + answer.status() + " without a Shade error body"));
  }
}
