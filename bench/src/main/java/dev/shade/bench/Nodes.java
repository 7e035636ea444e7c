package dev.shade.bench;

import dev.shade.resume.SqliteStores;
import dev.shade.transfer.spi.ProtocolStateStore;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What both roles share: the protocol store choice and waiting on Vert.x futures. */
final class Nodes {
  private Nodes() {}

  /** SQLite at {@code --state FILE} when given, else in memory (a fresh identity each run). */
  static ProtocolStateStore store(ProcessArgs args) {
    return args.has("--state") ? SqliteStores.openProtocolState(Path.of(args.required("--state")))
        : ProtocolStateStore.inMemory();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
