package dev.shade.transport.http;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamStatus;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkRejectedException;
import dev.shade.transfer.spi.ChunkTransport;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.LaneState;
import dev.shade.transfer.spi.StreamStateView;
import dev.shade.transfer.spi.TransferTransportError;
import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The HTTP chunk client: one {@code POST /:streamId/chunks} per envelope over a pool of keep-alive
 * connections (enough for 64 lanes × window), {@code GET /:streamId/state} for resume. A JSON error
 * answer becomes a {@link ChunkRejectedException} with its code; anything that is not a Shade
 * answer (refused, reset, timed out, garbage) a {@link TransferTransportError}.
 */
public final class HttpChunkTransport implements ChunkTransport {
  public static final String NAME = "http";
  private static final int MAX_CONNECTIONS = 64;
  private final HttpClient client;
  private final URI base;
  private final String basePath;
  private final Duration timeout;

  private HttpChunkTransport(HttpClient client, URI base, Duration timeout) {
    this.client = client;
    this.base = base;
    String path = base.getPath() == null ? "" : base.getPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.timeout = timeout;
  }

  /** A factory whose transports share {@code vertx}; each connects to one peer. */
  public static ChunkTransportFactory factory(Vertx vertx) {
    return factory(vertx, Duration.ofSeconds(30));
  }

  public static ChunkTransportFactory factory(Vertx vertx, Duration timeout) {
    return new ChunkTransportFactory() {
      @Override
      public String name() {
        return NAME;
      }

      @Override
      public ChunkTransport connect(URI peerBaseUrl) {
        HttpClientOptions options = new HttpClientOptions().setKeepAlive(true)
            .setTcpNoDelay(true).setConnectTimeout((int) Math.min(timeout.toMillis(), 10_000));
        HttpClient client = vertx.createHttpClient(options,
            new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
        return new HttpChunkTransport(client, peerBaseUrl, timeout);
      }
    };
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletableFuture<ChunkAck> send(StreamId streamId, byte[] envelope) {
    RequestOptions options = request(HttpMethod.POST, "/" + streamId.toBase64Url() + "/chunks")
        .putHeader("content-type", "application/octet-stream");
    Future<ChunkAck> ack = client.request(options)
        .compose(req -> req.send(wrap(envelope)).compose(HttpChunkTransport::bodyOf))
        .map(reply -> parseAck(reply, streamId));
    return complete(ack);
  }

  @Override
  public CompletableFuture<StreamStateView> state(StreamId streamId) {
    Future<StreamStateView> view = client.request(request(HttpMethod.GET,
            "/" + streamId.toBase64Url() + "/state"))
        .compose(req -> req.send().compose(HttpChunkTransport::bodyOf))
        .map(reply -> parseState(reply, streamId));
    return complete(view);
  }

  /**
   * The envelope as a request body without a copy. The engine reuses the array only after the ack,
   * and the server acks only after it read the whole body, so the write is over by then.
   */
  private static Buffer wrap(byte[] envelope) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(envelope));
  }

  private RequestOptions request(HttpMethod method, String path) {
    int port = base.getPort() != -1 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
    return new RequestOptions().setMethod(method).setHost(base.getHost()).setPort(port)
        .setSsl("https".equals(base.getScheme())).setURI(basePath + path)
        .setIdleTimeout(timeout.toMillis());
  }

  /**
   * The JSON body of a 200 answer; an error answer fails with its code. Must be composed onto
   * {@code send()} itself, inside the request's callback: chained one level out, it runs a hop
   * later when called off the event loop, and the body may already have gone by (Vert.x #4705).
   */
  private static Future<JsonObject> bodyOf(HttpClientResponse response) {
    return response.body().map(body -> {
      JsonObject json;
      try {
        json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
      } catch (DecodeException e) {
        throw new TransferTransportError(NAME, "answer " + response.statusCode() + " is not JSON");
      }
      if (response.statusCode() == 200) {
        return json;
      }
      ErrorCode code = errorCode(json.getString("error"), response.statusCode());
      throw new ChunkRejectedException(code, String.valueOf(json.getString("message")));
    });
  }

  private static ErrorCode errorCode(String wireName, int status) {
    Optional<ErrorCode> code = ErrorCode.fromWireName(wireName);
    if (code.isPresent()) {
      return code.get();
    }
    if (status == 503 || status == 502 || status == 504) {
      return ErrorCode.OVERLOADED;
    }
    throw new TransferTransportError(NAME, "answer " + status + " carries no Shade error code");
  }

  private static ChunkAck parseAck(JsonObject json, StreamId expected) {
    try {
      StreamId id = StreamId.parse(json.getString("streamId"));
      if (!id.equals(expected)) {
        throw new TransferTransportError(NAME, "ack names another stream");
      }
      return new ChunkAck(id, json.getInteger("laneId"), json.getLong("seq"),
          json.getBoolean("duplicate"));
    } catch (RuntimeException e) {
      if (e instanceof TransferTransportError) {
        throw e;
      }
      throw new TransferTransportError(NAME, "malformed ack: " + e.getMessage(), e);
    }
  }

  private static StreamStateView parseState(JsonObject json, StreamId expected) {
    try {
      List<LaneState> lanes = new ArrayList<>();
      JsonArray array = json.getJsonArray("lanes");
      for (int i = 0; i < array.size(); i++) {
        JsonObject lane = array.getJsonObject(i);
        lanes.add(new LaneState(lane.getInteger("laneId"), lane.getLong("lastSeqAcked")));
      }
      return new StreamStateView(expected, StreamStatus.fromWireName(json.getString("status")),
          lanes);
    } catch (RuntimeException e) {
      throw new TransferTransportError(NAME, "malformed state: " + e.getMessage(), e);
    }
  }

  private static <T> CompletableFuture<T> complete(Future<T> future) {
    CompletableFuture<T> result = new CompletableFuture<>();
    future.onComplete(ar -> {
      if (ar.succeeded()) {
        result.complete(ar.result());
      } else if (ar.cause() instanceof ChunkRejectedException
          || ar.cause() instanceof TransferTransportError) {
        result.completeExceptionally(ar.cause());
      } else {
        result.completeExceptionally(new TransferTransportError(NAME,
            String.valueOf(ar.cause().getMessage()), ar.cause()));
      }
    });
    return result;
  }

  @Override
  public void close() {
    client.close();
  }
}
