package dev.shade.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Migrations on PostgreSQL, each test in a schema of its own. */
class PostgresSchemaMigrationTest {
  private PostgresTestServer.Login login;
  private String schema;
  private String url;

  /** Skips (or under CI fails) the whole class at once when there is no server. */
  @BeforeAll
  static void needsPostgres() {
    PostgresTestServer.login();
  }

  @BeforeEach
  void createSchema() throws SQLException {
    login = PostgresTestServer.login();
    schema = "migration_" + UUID.randomUUID().toString().replace("-", "");
    execute("CREATE SCHEMA " + schema);
    url = login.url() + (login.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  @AfterEach
  void dropSchema() throws SQLException {
    if (schema != null) {
      execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = login.open(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private PostgresStores connect() {
    return PostgresStores.connect(url, login.user(), login.password(), "node-a");
  }

  private List<String> history() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = login.open(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version, description, applied_at FROM " + schema
            + ".shade_schema_version ORDER BY version")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getLong(3));
      }
    }
    return rows;
  }

  @Test
  void aNewSchemaIsMigratedAndReopeningIsANoOp() throws SQLException {
    connect().close();
    List<String> history = history();
    assertEquals(2, history.size());
    assertTrue(history.get(0).startsWith("1 protocol_state "), history.toString());
    assertTrue(history.get(1).startsWith("2 resume_state "), history.toString());
    try (PostgresStores stores = connect()) {
      assertEquals(0, stores.protocolState().count(dev.shade.transfer.spi.StateSection.SESSION));
    }
    assertEquals(history, history());
  }

  @Test
  void nodesStartingTogetherMigrateOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PostgresStores>> nodes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String namespace = "node-" + i;
        nodes.add(pool.submit(
            () -> PostgresStores.connect(url, login.user(), login.password(), namespace)));
      }
      for (Future<PostgresStores> node : nodes) {
        node.get(60, TimeUnit.SECONDS).close();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, history().size());
  }

  @Test
  void aSchemaFromANewerShadeIsRefused() throws SQLException {
    connect().close();
    execute("INSERT INTO " + schema + ".shade_schema_version VALUES (3, 'from the future', 0)");
    StoreFailureException e = assertThrows(StoreFailureException.class, this::connect);
    assertTrue(e.getMessage().contains("schema version 3, newer than this version of Shade "
        + "understands (2)"), e.getMessage());
    assertFalse(e.getMessage().contains(login.password()), "no password in messages");
  }

  @Test
  void aFailingMigrationLeavesThePreviousVersion() throws SQLException {
    SchemaMigrator migrator = new SchemaMigrator("/dev/shade/resume/testschema",
        List.of("first", "broken"));
    assertThrows(StoreFailureException.class, () -> PooledDatabase.connect(url, login.user(),
        login.password(), "broken", migrator));
    assertEquals(1, history().size());
    try (Connection c = login.open()) {
      c.setSchema(schema);
      assertTrue(Dialect.POSTGRESQL.hasTable(c, "first_table"));
      assertFalse(Dialect.POSTGRESQL.hasTable(c, "second_table"));
    }
  }
}
