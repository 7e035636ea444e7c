package dev.shade.resume;

import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.StateSection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ProtocolStateStore} in one SQLite table. One connection, used under this object's lock:
 * protocol operations are short, and SQLite serialises writers anyway. WAL journal with
 * {@code synchronous=NORMAL}: a committed write survives a crash of the process; a power loss may
 * drop the last transactions but never corrupts the file.
 */
final class SqliteProtocolStateStore implements ProtocolStateStore {
  private static final int SCHEMA_VERSION = 1;
  private static final String CREATE = "CREATE TABLE IF NOT EXISTS protocol_state ("
      + "section TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
      + "PRIMARY KEY (section, key)) WITHOUT ROWID";

  private final Connection connection;
  private final PreparedStatement get;
  private final PreparedStatement put;
  private final PreparedStatement putIfAbsent;
  private final PreparedStatement remove;
  private final PreparedStatement entries;
  private final PreparedStatement takeFirst;
  private final PreparedStatement count;
  private boolean closed;

  private SqliteProtocolStateStore(Connection connection) throws SQLException {
    this.connection = connection;
    get = connection.prepareStatement(
        "SELECT value FROM protocol_state WHERE section = ? AND key = ?");
    put = connection.prepareStatement("INSERT INTO protocol_state (section, key, value) "
        + "VALUES (?, ?, ?) ON CONFLICT (section, key) DO UPDATE SET value = excluded.value");
    putIfAbsent = connection.prepareStatement(
        "INSERT OR IGNORE INTO protocol_state (section, key, value) VALUES (?, ?, ?)");
    remove = connection.prepareStatement(
        "DELETE FROM protocol_state WHERE section = ? AND key = ?");
    entries = connection.prepareStatement(
        "SELECT key, value FROM protocol_state WHERE section = ? ORDER BY key");
    takeFirst = connection.prepareStatement("DELETE FROM protocol_state WHERE section = ? AND key = "
        + "(SELECT key FROM protocol_state WHERE section = ? ORDER BY key LIMIT 1) RETURNING key");
    count = connection.prepareStatement(
        "SELECT COUNT(*) FROM protocol_state WHERE section = ?");
  }

  static SqliteProtocolStateStore open(Path file) {
    Connection connection = null;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode = WAL");
        statement.execute("PRAGMA synchronous = NORMAL");
        statement.execute("PRAGMA busy_timeout = 5000");
        checkSchema(statement);
      }
      return new SqliteProtocolStateStore(connection);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new StoreFailureException("cannot open protocol state in " + file, e);
    }
  }

  private static void checkSchema(Statement statement) throws SQLException {
    int version;
    try (ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
      version = rs.getInt(1);
    }
    if (version == 0) {
      statement.execute(CREATE);
      statement.execute("PRAGMA user_version = " + SCHEMA_VERSION);
    } else if (version != SCHEMA_VERSION) {
      throw new SQLException("unknown protocol state schema version " + version);
    }
  }

  @Override
  public synchronized Optional<byte[]> get(StateSection section, String key) {
    return run("get", () -> {
      bind(get, section, key);
      try (ResultSet rs = get.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
      }
    });
  }

  @Override
  public synchronized void put(StateSection section, String key, byte[] value) {
    run("put", () -> {
      bind(put, section, key);
      put.setBytes(3, value);
      return put.executeUpdate();
    });
  }

  @Override
  public synchronized boolean putIfAbsent(StateSection section, String key, byte[] value) {
    return run("putIfAbsent", () -> {
      bind(putIfAbsent, section, key);
      putIfAbsent.setBytes(3, value);
      return putIfAbsent.executeUpdate() == 1;
    });
  }

  @Override
  public synchronized boolean remove(StateSection section, String key) {
    return run("remove", () -> {
      bind(remove, section, key);
      return remove.executeUpdate() == 1;
    });
  }

  @Override
  public synchronized Map<String, byte[]> entries(StateSection section) {
    return run("entries", () -> {
      entries.setString(1, section.storageName());
      Map<String, byte[]> result = new LinkedHashMap<>();
      try (ResultSet rs = entries.executeQuery()) {
        while (rs.next()) {
          result.put(rs.getString(1), rs.getBytes(2));
        }
      }
      return result;
    });
  }

  @Override
  public synchronized Optional<String> takeFirstKey(StateSection section) {
    return run("takeFirstKey", () -> {
      takeFirst.setString(1, section.storageName());
      takeFirst.setString(2, section.storageName());
      try (ResultSet rs = takeFirst.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
      }
    });
  }

  @Override
  public synchronized int count(StateSection section) {
    return run("count", () -> {
      count.setString(1, section.storageName());
      try (ResultSet rs = count.executeQuery()) {
        return rs.getInt(1);
      }
    });
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      closeQuietly(connection);
    }
  }

  private static void bind(PreparedStatement statement, StateSection section, String key)
      throws SQLException {
    statement.setString(1, section.storageName());
    statement.setString(2, key);
  }

  private <T> T run(String operation, SqlAction<T> action) {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
    try {
      return action.run();
    } catch (SQLException e) {
      throw new StoreFailureException("protocol state " + operation + " failed", e);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // closing is best effort; the file stays consistent either way
      }
    }
  }

  @FunctionalInterface
  private interface SqlAction<T> {
    T run() throws SQLException;
  }
}
