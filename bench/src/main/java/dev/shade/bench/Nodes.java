package dev.shade.bench;

import dev.shade.resume.SqliteStores;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ResumeStore;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** What both roles share: their stores and waiting on Vert.x futures. */
final class Nodes {
  private Nodes() {}

  /** SQLite at {@code --state FILE} when given, else in memory (a fresh identity each run). */
  static ProtocolStateStore store(ProcessArgs args) {
    return args.has("--state") ? SqliteStores.openProtocolState(Path.of(args.required("--state")))
        : ProtocolStateStore.inMemory();
  }

  /**
   * The SQLite resume store at {@code --resume-state FILE} when given, else none (the node then
   * keeps stream state in memory only). The node does not close it: the caller does, after the
   * node.
   */
  static Optional<ResumeStore> resumeStore(ProcessArgs args) {
    return args.has("--resume-state")
        ? Optional.of(SqliteStores.openResumeState(Path.of(args.required("--resume-state"))))
        : Optional.empty();
  }

  static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
