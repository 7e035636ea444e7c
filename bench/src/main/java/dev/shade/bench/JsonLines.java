package dev.shade.bench;

import io.vertx.core.json.JsonObject;

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
}
