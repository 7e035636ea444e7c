package dev.shade.resume;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the stores' SQL runs: one SQLite connection under a lock ({@link SqliteDatabase}) or a
 * pool of PostgreSQL connections ({@link PooledDatabase}). Turns {@link SQLException}s into
 * {@link StoreFailureException}s, and calls after {@link #close()} into {@link
 * IllegalStateException}s.
 */
abstract class Database implements AutoCloseable {
  private final Dialect dialect;
  private final String description;
  private volatile boolean closed;

  Database(Dialect dialect, String description) {
    this.dialect = dialect;
    this.description = description;
  }

  final Dialect dialect() {
    return dialect;
  }

  /** What and where this database is, for messages: never a password. */
  final String description() {
    return description;
  }

  /** Runs {@code action} in auto-commit mode: each statement is its own transaction. */
  final <T> T call(String operation, SqlAction<T> action) {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
    try {
      return withConnection(action);
    } catch (SQLException e) {
      throw new StoreFailureException(operation + " failed on " + description, e);
    }
  }

  /**
   * Runs {@code action} in one transaction: committed when it returns, rolled back when it throws
   * (an exception it throws passes through unchanged).
   */
  final <T> T transaction(String operation, SqlAction<T> action) {
    return call(operation, connection -> {
      connection.setAutoCommit(false);
      try {
        T result = action.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    });
  }

  /** Migrates {@code database}'s schema; closes it and rethrows when that fails. */
  static <D extends Database> D migrated(D database, SchemaMigrator migrator) {
    try {
      migrator.migrate(database);
      return database;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  abstract <T> T withConnection(SqlAction<T> action) throws SQLException;

  abstract void release();

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      release();
    }
  }

  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
