package dev.shade.resume;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a database's schema to the version this code was written for, one versioned SQL script
 * at a time, and refuses a database that a newer version of Shade already migrated further.
 *
 * <p>Migration {@code n} is the resource {@code <root>/<dialect>/V<n>__<name>.sql}; every dialect
 * has every version, so "schema version 2" means the same tables on SQLite and PostgreSQL. Each
 * migration runs in its own transaction together with its row in {@code shade_schema_version}: a
 * failed script leaves the database at the previous version. Migrations of one database are
 * serialised across processes (SQLite's write lock, a PostgreSQL advisory lock), so nodes that
 * start together migrate once. Scripts are split into statements at a {@code ;} ending a line.
 *
 * <p>SQLite files written before {@code shade_schema_version} existed carry their version in
 * {@code PRAGMA user_version} (1: the protocol state alone); they are adopted at that version, and
 * every migration also writes {@code user_version}, so such older code refuses a newer file.
 */
final class SchemaMigrator {
  /** The migrations of the stores, version 1 first: never change or remove one, only add. */
  private static final List<String> MIGRATIONS = List.of("protocol_state", "resume_state");
  private static final String ROOT = "/dev/shade/resume/schema";
  /** Named for Shade: a shared PostgreSQL schema may hold other programs' version tables. */
  static final String TABLE = "shade_schema_version";
  private static final String CREATE_VERSION_TABLE = "CREATE TABLE IF NOT EXISTS " + TABLE + " ("
      + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)";

  private final String root;
  private final List<String> migrations;

  SchemaMigrator(String root, List<String> migrations) {
    this.root = root;
    this.migrations = List.copyOf(migrations);
  }

  static SchemaMigrator standard() {
    return new SchemaMigrator(ROOT, MIGRATIONS);
  }

  /** The version this code migrates to. */
  int latestVersion() {
    return migrations.size();
  }

  /**
   * Migrates {@code database} to {@link #latestVersion()}; does nothing when it is there.
   *
   * @return the number of migrations applied
   * @throws StoreFailureException when the database is newer than this code, or a migration fails
   */
  int migrate(Database database) {
    int current = database.call("reading the schema version", c -> currentVersion(c, database));
    if (current == latestVersion()) {
      return 0;
    }
    int applied = 0;
    while (database.transaction("migrating the schema", c -> step(c, database))) {
      applied++;
    }
    return applied;
  }

  /** Applies the next migration, if any, in the caller's transaction; returns whether it did. */
  private boolean step(Connection connection, Database database) throws SQLException {
    Dialect dialect = database.dialect();
    dialect.lockForMigration(connection);
    if (!dialect.hasTable(connection, TABLE)) {
      int legacy = dialect.legacyVersion(connection);
      try (Statement statement = connection.createStatement()) {
        statement.execute(CREATE_VERSION_TABLE);
      }
      if (legacy == 1) {
        record(connection, 1, migrations.get(0) + " (adopted from user_version)");
      } else if (legacy != 0) {
        throw new StoreFailureException(database.description() + " declares schema version "
            + legacy + " but has no " + TABLE + " table: it was not written by Shade");
      }
    }
    int current = currentVersion(connection, database);
    if (current == latestVersion()) {
      return false;
    }
    int next = current + 1;
    for (String sql : statements(script(dialect, next))) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }
    record(connection, next, migrations.get(next - 1));
    dialect.recordVersion(connection, next);
    return true;
  }

  /** The version recorded (0: none yet); refused when newer than this code. */
  private int currentVersion(Connection connection, Database database) throws SQLException {
    Dialect dialect = database.dialect();
    int version;
    if (dialect.hasTable(connection, TABLE)) {
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery("SELECT MAX(version) FROM " + TABLE)) {
        rs.next();
        version = rs.getInt(1);
      }
    } else {
      version = 0;
    }
    if (version > latestVersion()) {
      throw new StoreFailureException(database.description() + " has schema version " + version
          + ", newer than this version of Shade understands (" + latestVersion() + "): run a newer "
          + "Shade on it, or give this one another database");
    }
    return version;
  }

  private static void record(Connection connection, int version, String description)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + TABLE
        + " (version, description, applied_at) VALUES (?, ?, ?)")) {
      insert.setInt(1, version);
      insert.setString(2, description);
      insert.setLong(3, System.currentTimeMillis());
      insert.executeUpdate();
    }
  }

  private String script(Dialect dialect, int version) {
    String path = root + "/" + dialect.folder() + "/V" + version + "__"
        + migrations.get(version - 1) + ".sql";
    try (InputStream in = SchemaMigrator.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing migration script " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration script " + path, e);
    }
  }

  /** The statements of a script: split at a {@code ;} ending a line, {@code --} lines dropped. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1).strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }
}
