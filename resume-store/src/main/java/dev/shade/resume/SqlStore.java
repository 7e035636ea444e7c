package dev.shade.resume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** What the SQL stores share: their database, their scope in it, and their lifetime. */
abstract class SqlStore implements AutoCloseable {
  final Database database;
  final Scope scope;
  private final String name;
  private final boolean ownsDatabase;
  private volatile boolean closed;

  /**
   * @param name what the store holds, for messages ({@code "resume state"})
   * @param ownsDatabase whether {@link #close()} closes {@code database} too
   */
  SqlStore(Database database, Scope scope, String name, boolean ownsDatabase) {
    this.database = database;
    this.scope = scope;
    this.name = name;
    this.ownsDatabase = ownsDatabase;
  }

  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Reads what a query answered. */
  @FunctionalInterface
  interface Reader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** Runs one statement that writes; returns the number of rows it changed. */
  final int write(String operation, String sql, Binder binder) {
    return run(operation, c -> {
      try (PreparedStatement statement = c.prepareStatement(sql)) {
        binder.bind(statement);
        return statement.executeUpdate();
      }
    });
  }

  /** Runs one statement that answers rows ({@code SELECT}, or {@code ... RETURNING}). */
  final <T> T query(String operation, String sql, Binder binder, Reader<T> reader) {
    return run(operation, c -> query(c, sql, binder, reader));
  }

  static <T> T query(Connection connection, String sql, Binder binder, Reader<T> reader)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        return reader.read(rows);
      }
    }
  }

  /** Runs {@code action} in auto-commit mode. */
  final <T> T run(String operation, SqlAction<T> action) {
    checkOpen();
    return database.call(name + " " + operation, action);
  }

  /** Runs {@code action} in one transaction. */
  final <T> T runInTransaction(String operation, SqlAction<T> action) {
    checkOpen();
    return database.transaction(name + " " + operation, action);
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      if (ownsDatabase) {
        database.close();
      }
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }
}
