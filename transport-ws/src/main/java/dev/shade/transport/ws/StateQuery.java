package dev.shade.transport.ws;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamStatus;
import dev.shade.transfer.spi.ChunkRejectedException;
import dev.shade.transfer.spi.LaneState;
import dev.shade.transfer.spi.StreamStateView;
import dev.shade.transfer.spi.TransferTransportError;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code GET /:streamId/state} for the WebSocket transport: DESIGN.md gives the state query no
 * frame of its own, so it goes over plain HTTP to the same server.
 */
final class StateQuery {
  private final HttpClient client;
  private final PeerUrl peer;
  private final long timeoutMs;

  StateQuery(HttpClient client, PeerUrl peer, long timeoutMs) {
    this.client = client;
    this.peer = peer;
    this.timeoutMs = timeoutMs;
  }

  CompletableFuture<StreamStateView> ask(StreamId streamId) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
        .setHost(peer.host()).setPort(peer.port()).setSsl(peer.tls())
        .setURI(peer.path("/" + streamId.toBase64Url() + "/state")).setIdleTimeout(timeoutMs);
    CompletableFuture<StreamStateView> result = new CompletableFuture<>();
    client.request(options)
        .compose(req -> req.send().compose(response -> response.body()
            .map(body -> parse(response.statusCode(), body.toString(), streamId))))
        .onComplete(ar -> {
          if (ar.succeeded()) {
            result.complete(ar.result());
          } else if (ar.cause() instanceof ChunkRejectedException) {
            result.completeExceptionally(ar.cause());
          } else {
            result.completeExceptionally(new TransferTransportError(WsChunkTransport.NAME,
                "state query failed: " + ar.cause().getMessage(), ar.cause()));
          }
        });
    return result;
  }

  void close() {
    client.close();
  }

  private static StreamStateView parse(int status, String body, StreamId streamId) {
    JsonObject json = new JsonObject(body);
    if (status != 200) {
      ErrorCode code = ErrorCode.fromWireName(json.getString("error")).orElseThrow(
          () -> new IllegalStateException("answer " + status + " carries no Shade error code"));
      throw new ChunkRejectedException(code, String.valueOf(json.getString("message")));
    }
    List<LaneState> lanes = new ArrayList<>();
    JsonArray array = json.getJsonArray("lanes");
    for (int i = 0; i < array.size(); i++) {
      JsonObject lane = array.getJsonObject(i);
      lanes.add(new LaneState(lane.getInteger("laneId"), lane.getLong("lastSeqAcked")));
    }
    return new StreamStateView(streamId, StreamStatus.fromWireName(json.getString("status")),
        lanes);
  }
}
