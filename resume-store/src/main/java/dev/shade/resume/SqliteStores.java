package dev.shade.resume;

import dev.shade.transfer.spi.ProtocolStateStore;
import java.nio.file.Path;

/** Opens the SQLite-backed stores. */
public final class SqliteStores {
  private SqliteStores() {}

  /**
   * Opens (creating if needed) a SQLite file holding a node's Signal protocol state: identity,
   * prekeys, pinned peers and sessions. The file is put in WAL mode; every write is committed
   * before the method returns, so a node reopened from the file after a restart (or a crash of the
   * process) continues its conversations. One node should own a file at a time.
   *
   * @throws StoreFailureException when the file cannot be opened or has an unknown schema
   */
  public static ProtocolStateStore openProtocolState(Path file) {
    return SqliteProtocolStateStore.open(file);
  }
}
