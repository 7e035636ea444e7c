package dev.shade.resume;

import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ResumeStore;
import java.nio.file.Path;

/**
 * Opens the stores that keep a node's state in one SQLite file (the CLI's {@code DIR/shade.db}).
 *
 * <p>Both stores may share a file; each opened store has its own connection, and every store of
 * a file works on the same schema: opening one migrates the file to the current schema version
 * first (creating it if needed), and a file that a newer Shade migrated further is refused.
 *
 * <p>Durability: the file is in WAL mode with {@code synchronous=NORMAL}. Every method commits
 * before it returns, so nothing a method returned from is lost when the process crashes; a power
 * loss may drop the last transactions but never corrupts the file.
 *
 * <p>Thread safety: a store is safe for concurrent use; its calls take turns on its one
 * connection. Several processes may open the same file (a server and a {@code prune} command):
 * SQLite lets one write at a time, and a store waits up to 5 s for the file to be free before it
 * fails with {@link StoreFailureException}. Methods block on disk I/O: never call them on an event
 * loop.
 */
public final class SqliteStores {
  private SqliteStores() {}

  /**
   * Opens a node's Signal protocol state in {@code file}: identity, prekeys, pinned peers and
   * sessions (see {@link ProtocolStateStore}). A node reopened from the file after a restart
   * continues its conversations. One node should own a file at a time.
   *
   * @throws StoreFailureException when the file cannot be opened or migrated, or its schema is
   *     newer than this code
   */
  public static ProtocolStateStore openProtocolState(Path file) {
    return new SqlProtocolStateStore(SqliteDatabase.open(file),
        Scope.wholeDatabase(Dialect.SQLITE), true);
  }

  /**
   * Opens the {@link ResumeStore} in {@code file}: one row per stream and direction, written when
   * the engine inserts, advances and removes a stream's state (see {@link ResumeStore} for when).
   * Its rows hold stream secrets only sealed under the device key.
   *
   * @throws StoreFailureException when the file cannot be opened or migrated, or its schema is
   *     newer than this code
   */
  public static ResumeStore openResumeState(Path file) {
    return new SqlResumeStore(SqliteDatabase.open(file), Scope.wholeDatabase(Dialect.SQLITE),
        true);
  }
}
