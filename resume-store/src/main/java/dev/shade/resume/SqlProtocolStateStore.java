package dev.shade.resume;

import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.StateSection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ProtocolStateStore} in the table {@code protocol_state} of a SQLite file or, under a node
 * namespace, of a PostgreSQL database. Every method is one statement in auto-commit mode.
 */
final class SqlProtocolStateStore extends SqlStore implements ProtocolStateStore {
  private final String get;
  private final String put;
  private final String putIfAbsent;
  private final String remove;
  private final String entries;
  private final String takeFirst;
  private final String count;

  /** {@code ownsDatabase}: whether {@link #close()} closes {@code database} too. */
  SqlProtocolStateStore(Database database, Scope scope, boolean ownsDatabase) {
    super(database, scope, "protocol state", ownsDatabase);
    String section = scope.where() + "section = ?";
    String key = section + " AND key = ?";
    String insert = "INSERT INTO protocol_state (" + scope.columns() + "section, key, value) "
        + "VALUES (" + scope.placeholders() + "?, ?, ?) ON CONFLICT (" + scope.columns()
        + "section, key) DO ";
    get = "SELECT value FROM protocol_state WHERE " + key;
    put = insert + "UPDATE SET value = excluded.value";
    putIfAbsent = insert + "NOTHING";
    remove = "DELETE FROM protocol_state WHERE " + key;
    entries = "SELECT key, value FROM protocol_state WHERE " + section + " ORDER BY key";
    // SKIP LOCKED (PostgreSQL): a concurrent taker moves on to the next key instead of finding
    // its candidate gone and answering empty.
    takeFirst = "DELETE FROM protocol_state WHERE " + section + " AND key = (SELECT key FROM "
        + "protocol_state WHERE " + section + " ORDER BY key LIMIT 1"
        + scope.dialect().skipLocked() + ") RETURNING key";
    count = "SELECT COUNT(*) FROM protocol_state WHERE " + section;
  }

  @Override
  public Optional<byte[]> get(StateSection section, String key) {
    return query("get", get, s -> bindKey(s, section, key),
        rows -> rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty());
  }

  @Override
  public void put(StateSection section, String key, byte[] value) {
    write("put", put, s -> s.setBytes(bindKey(s, section, key), value));
  }

  @Override
  public boolean putIfAbsent(StateSection section, String key, byte[] value) {
    return write("putIfAbsent", putIfAbsent,
        s -> s.setBytes(bindKey(s, section, key), value)) == 1;
  }

  @Override
  public boolean remove(StateSection section, String key) {
    return write("remove", remove, s -> bindKey(s, section, key)) == 1;
  }

  @Override
  public Map<String, byte[]> entries(StateSection section) {
    return query("entries", entries, s -> bindSection(s, 1, section), rows -> {
      Map<String, byte[]> result = new LinkedHashMap<>();
      while (rows.next()) {
        result.put(rows.getString(1), rows.getBytes(2));
      }
      return result;
    });
  }

  @Override
  public Optional<String> takeFirstKey(StateSection section) {
    return query("takeFirstKey", takeFirst,
        s -> bindSection(s, bindSection(s, 1, section), section),
        rows -> rows.next() ? Optional.of(rows.getString(1)) : Optional.empty());
  }

  @Override
  public int count(StateSection section) {
    return query("count", count, s -> bindSection(s, 1, section), rows -> {
      rows.next();
      return rows.getInt(1);
    });
  }

  private int bindSection(PreparedStatement statement, int index, StateSection section)
      throws SQLException {
    int next = scope.bind(statement, index);
    statement.setString(next, section.storageName());
    return next + 1;
  }

  /** Binds the key from index 1 on; returns the next index. */
  private int bindKey(PreparedStatement statement, StateSection section, String key)
      throws SQLException {
    int next = bindSection(statement, 1, section);
    statement.setString(next, key);
    return next + 1;
  }
}
