package dev.shade.resume;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Which rows of a shared table belong to this node. A SQLite file belongs to one node, so its
 * tables have no {@code node} column; nodes sharing a PostgreSQL database each see only the rows
 * whose {@code node} column holds their namespace, which is part of every key.
 */
final class Scope {
  private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
  private final Dialect dialect;
  private final String node;

  private Scope(Dialect dialect, String node) {
    this.dialect = dialect;
    this.node = node;
  }

  static Scope wholeDatabase(Dialect dialect) {
    return new Scope(dialect, null);
  }

  static Scope node(Dialect dialect, String namespace) {
    if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
      throw new IllegalArgumentException("a node namespace is 1..128 of [A-Za-z0-9._:-], starting "
          + "with a letter or digit: " + namespace);
    }
    return new Scope(dialect, namespace);
  }

  Dialect dialect() {
    return dialect;
  }

  /** {@code "node, "} or nothing: put before the other key columns of an insert. */
  String columns() {
    return node == null ? "" : "node, ";
  }

  /** {@code "?, "} or nothing: the placeholder of {@link #columns()}. */
  String placeholders() {
    return node == null ? "" : "?, ";
  }

  /** {@code "node = ? AND "} or nothing: put before the other conditions of a WHERE. */
  String where() {
    return node == null ? "" : "node = ? AND ";
  }

  /** Binds the namespace at {@code index} if there is one; returns the next index. */
  int bind(PreparedStatement statement, int index) throws SQLException {
    if (node == null) {
      return index;
    }
    statement.setString(index, node);
    return index + 1;
  }
}
