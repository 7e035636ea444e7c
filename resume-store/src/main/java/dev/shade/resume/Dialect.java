package dev.shade.resume;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What differs between the SQL databases the stores run on. */
enum Dialect {
  SQLITE("sqlite", "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?") {
    @Override
    void lockForMigration(Connection connection) {
      // transactions begin IMMEDIATE: this one already holds the file's write lock
    }

    @Override
    int legacyVersion(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("PRAGMA user_version")) {
        return rs.getInt(1);
      }
    }

    @Override
    void recordVersion(Connection connection, int version) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA user_version = " + version);
      }
    }

    @Override
    String skipLocked() {
      return "";
    }
  },

  POSTGRESQL("postgresql", "SELECT 1 WHERE to_regclass(?) IS NOT NULL") {
    /** Any constant: nodes sharing a database take turns migrating it. */
    private static final long MIGRATION_LOCK = 0x5348_4144_455f_5631L;

    @Override
    void lockForMigration(Connection connection) throws SQLException {
      try (PreparedStatement lock = connection.prepareStatement(
          "SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, MIGRATION_LOCK);
        lock.executeQuery().close();
      }
    }

    @Override
    int legacyVersion(Connection connection) {
      return 0;
    }

    @Override
    void recordVersion(Connection connection, int version) {
      // schema_version is the only record
    }

    @Override
    String skipLocked() {
      return " FOR UPDATE SKIP LOCKED";
    }
  };

  private final String folder;
  private final String tableQuery;

  /** {@code tableQuery}: answers a row when the table named by its one parameter exists. */
  Dialect(String folder, String tableQuery) {
    this.folder = folder;
    this.tableQuery = tableQuery;
  }

  /** The resource folder of this dialect's migration scripts. */
  String folder() {
    return folder;
  }

  /** Serialises migrations of one database across processes, inside the current transaction. */
  abstract void lockForMigration(Connection connection) throws SQLException;

  /** Whether {@code table} exists in the current schema. */
  final boolean hasTable(Connection connection, String table) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(tableQuery)) {
      query.setString(1, table);
      try (ResultSet rs = query.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The schema version a database written before {@code schema_version} existed declares. */
  abstract int legacyVersion(Connection connection) throws SQLException;

  /** Records {@code version} where older code of this dialect looks for it. */
  abstract void recordVersion(Connection connection, int version) throws SQLException;

  /** Appended to a {@code SELECT} of rows to take: concurrent takers skip each other's rows. */
  abstract String skipLocked();
}
