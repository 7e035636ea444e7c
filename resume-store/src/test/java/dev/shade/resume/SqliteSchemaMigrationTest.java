package dev.shade.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.transfer.spi.PersistedStreamState.Direction;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ResumeStore;
import dev.shade.transfer.spi.StateSection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaMigrationTest {
  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("shade.db");
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + file());
  }

  /** Each row of shade_schema_version as "version description applied_at". */
  private List<String> history() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = raw(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, description, applied_at FROM "
            + "shade_schema_version ORDER BY version")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getLong(3));
      }
    }
    return rows;
  }

  private int userVersion() throws SQLException {
    try (Connection c = raw(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      return rs.getInt(1);
    }
  }

  private boolean hasTable(String table) throws SQLException {
    try (Connection c = raw()) {
      return Dialect.SQLITE.hasTable(c, table);
    }
  }

  private void execute(String... statements) throws SQLException {
    try (Connection c = raw(); Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  @Test
  void aNewFileIsMigratedToTheLatestVersion() throws SQLException {
    SqliteStores.openResumeState(file()).close();
    List<String> history = history();
    assertEquals(2, history.size());
    assertTrue(history.get(0).startsWith("1 protocol_state "), history.toString());
    assertTrue(history.get(1).startsWith("2 resume_state "), history.toString());
    assertEquals(2, userVersion());
    assertTrue(hasTable("protocol_state"));
    assertTrue(hasTable("resume_state"));
  }

  @Test
  void reopeningIsANoOp() throws SQLException {
    SqliteStores.openProtocolState(file()).close();
    List<String> before = history();
    SqliteStores.openResumeState(file()).close();
    SqliteStores.openProtocolState(file()).close();
    assertEquals(before, history());
    try (SqliteDatabase database = SqliteDatabase.open(file())) {
      assertEquals(0, SchemaMigrator.standard().migrate(database));
    }
  }

  @Test
  void aFileOfTheProtocolStateAloneIsUpgradedKeepingItsValues() throws SQLException {
    execute("PRAGMA journal_mode = WAL",
        "CREATE TABLE protocol_state (section TEXT NOT NULL, key TEXT NOT NULL, "
            + "value BLOB NOT NULL, PRIMARY KEY (section, key)) WITHOUT ROWID",
        "INSERT INTO protocol_state VALUES ('session', 'bob.1', x'0102')",
        "PRAGMA user_version = 1");
    try (ProtocolStateStore protocol = SqliteStores.openProtocolState(file());
        ResumeStore resume = SqliteStores.openResumeState(file())) {
      assertArrayEquals(new byte[] {1, 2},
          protocol.get(StateSection.SESSION, "bob.1").orElseThrow());
      assertEquals(List.of(), resume.list(Direction.SEND));
    }
    List<String> history = history();
    assertTrue(history.get(0).startsWith("1 protocol_state (adopted from user_version) "),
        history.toString());
    assertTrue(history.get(1).startsWith("2 resume_state "), history.toString());
    assertEquals(2, userVersion());
  }

  @Test
  void aFileFromANewerShadeIsRefused() throws SQLException {
    SqliteStores.openResumeState(file()).close();
    execute("INSERT INTO shade_schema_version VALUES (3, 'from the future', 0)");
    StoreFailureException e = assertThrows(StoreFailureException.class,
        () -> SqliteStores.openProtocolState(file()));
    assertTrue(e.getMessage().contains("schema version 3, newer than this version of Shade "
        + "understands (2)"), e.getMessage());
    assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
    assertThrows(StoreFailureException.class, () -> SqliteStores.openResumeState(file()));
  }

  @Test
  void aFileWithAnUnknownUserVersionIsRefused() throws SQLException {
    execute("CREATE TABLE something (x)", "PRAGMA user_version = 7");
    StoreFailureException e = assertThrows(StoreFailureException.class,
        () -> SqliteStores.openResumeState(file()));
    assertTrue(e.getMessage().contains("declares schema version 7"), e.getMessage());
    assertFalse(hasTable("resume_state"));
  }

  @Test
  void aFailingMigrationLeavesThePreviousVersion() throws SQLException {
    SchemaMigrator migrator = new SchemaMigrator("/dev/shade/resume/testschema",
        List.of("first", "broken"));
    assertThrows(StoreFailureException.class, () -> SqliteDatabase.open(file(), migrator));
    assertTrue(hasTable("first_table"));
    assertFalse(hasTable("second_table"), "the failed migration's first statement was undone");
    assertEquals(1, history().size());
    assertEquals(1, userVersion());
  }

  @Test
  void scriptsSplitAtSemicolonsEndingALine() {
    assertEquals(List.of("CREATE TABLE a (x TEXT DEFAULT 'a;b')", "CREATE INDEX i\n  ON a (x)"),
        SchemaMigrator.statements("-- a comment; not a statement\n"
            + "CREATE TABLE a (x TEXT DEFAULT 'a;b');\n\nCREATE INDEX i\n  ON a (x);\n"));
  }
}
