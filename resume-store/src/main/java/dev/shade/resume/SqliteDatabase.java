package dev.shade.resume;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * One connection to a SQLite file, used under this object's lock: the stores' operations are
 * short, and SQLite serialises writers anyway. WAL journal with {@code synchronous=NORMAL}: a
 * committed write survives a crash of the process; a power loss may drop the last transactions but
 * never corrupts the file. Transactions begin {@code IMMEDIATE} (they take the write lock at once,
 * so two processes never deadlock upgrading a read), and a busy file is waited for up to 5 s.
 */
final class SqliteDatabase extends Database {
  private static final int BUSY_TIMEOUT_MS = 5000;
  private final Connection connection;

  private SqliteDatabase(Connection connection, Path file) {
    super(Dialect.SQLITE, "SQLite file " + file);
    this.connection = connection;
  }

  /** Opens {@code file}, creating it if needed, and migrates its schema to the current version. */
  static SqliteDatabase open(Path file) {
    return open(file, SchemaMigrator.standard());
  }

  static SqliteDatabase open(Path file, SchemaMigrator migrator) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    Connection connection;
    try {
      connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException e) {
      throw new StoreFailureException("cannot open SQLite file " + file, e);
    }
    return migrated(new SqliteDatabase(connection, file), migrator);
  }

  @Override
  synchronized <T> T withConnection(SqlAction<T> action) throws SQLException {
    return action.run(connection);
  }

  @Override
  synchronized void release() {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing is best effort; the file stays consistent either way
    }
  }
}
