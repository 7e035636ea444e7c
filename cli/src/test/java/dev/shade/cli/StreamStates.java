package dev.shade.cli;

import dev.shade.resume.SqliteStores;
import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.LaneCheckpoint;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.PersistedStreamState.Direction;
import dev.shade.transfer.spi.ResumeStore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A test's view of stream progress, outside the nodes: the stream states in a home's SQLite file
 * (readable while a node runs: the file is in WAL mode), and a receiver's unauthenticated state
 * route.
 */
final class StreamStates {
  private StreamStates() {}

  static List<PersistedStreamState> list(Path home, Direction direction) {
    try (ResumeStore store = SqliteStores.openResumeState(home.resolve("shade.db"))) {
      return store.list(direction);
    }
  }

  static Optional<PersistedStreamState> find(Path home, StreamId streamId, Direction direction) {
    try (ResumeStore store = SqliteStores.openResumeState(home.resolve("shade.db"))) {
      return store.find(streamId, direction);
    }
  }

  /** Per lane, the highest seq the sender in {@code home} sealed (−1: none). */
  static long[] sealedThrough(Path home, StreamId streamId) {
    return find(home, streamId, Direction.SEND).orElseThrow().lanes().stream()
        .mapToLong(LaneCheckpoint::hashedThroughSeq).toArray();
  }

  /** Per lane, the last seq the receiver in {@code home} holds durably (−1: none). */
  static long[] receivedThrough(Path home, StreamId streamId) {
    return find(home, streamId, Direction.RECEIVE).orElseThrow().lanes().stream()
        .mapToLong(LaneCheckpoint::lastSeqAcked).toArray();
  }

  /** The receiver's {@code GET /v1/transfer/:streamId/state}, as JSON. */
  static JsonObject route(URI baseUrl, String streamId) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(baseUrl + "/" + streamId + "/state")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      return new JsonObject(response.body()).put("httpStatus", response.statusCode());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The lanes' {@code lastSeqAcked} from a state route answer. */
  static List<Long> lastSeqsAcked(JsonObject state) {
    JsonArray lanes = state.getJsonArray("lanes");
    return lanes.stream().map(l -> ((JsonObject) l).getLong("lastSeqAcked")).toList();
  }
}
