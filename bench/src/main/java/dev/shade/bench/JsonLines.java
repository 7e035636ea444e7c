package dev.shade.bench;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** One JSON object per line on stdout, flushed at once so a parent process sees it promptly. */
final class JsonLines {
  private JsonLines() {}

  static synchronized void print(JsonObject line) {
    System.out.println(line.encode());
    System.out.flush();
  }

  /** Prints {@code line} and returns it. */
  static JsonObject printed(JsonObject line) {
    print(line);
    return line;
  }

  /**
   * A line for one chunk ({@code --chunk-lines}): {@code event} ({@code chunkSent} at a sender,
   * {@code chunkWritten} at a receiver), lane, seq, plaintext bytes and when ({@code atMicros}).
   */
  static void printChunk(String event, int laneId, long seq, int plaintextBytes) {
    print(new JsonObject().put("event", event).put("lane", laneId).put("seq", seq)
        .put("bytes", plaintextBytes).put("atMicros", epochMicros(Instant.now())));
  }

  /** {@code at} in microseconds since the epoch: how lines give times ({@code ...AtMicros}). */
  static long epochMicros(Instant at) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, at);
  }
}
