package dev.shade.resume;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.FileMetadata;
import dev.shade.streams.Partition;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.SecretBytes;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.StreamSecretSealer;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.PersistedStreamState.Direction;
import dev.shade.transfer.spi.ResumeStore;
import dev.shade.transfer.spi.LaneCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream secret reaches a store only sealed under the device key: no form of the raw secret is
 * anywhere in a SQLite file set or a PostgreSQL row, while the sealed bytes are (so the search can
 * find what it looks for).
 */
class SealedSecretAtRestTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir
  Path dir;

  private byte[] secret;
  private PersistedStreamState state;

  @BeforeEach
  void sealAKnownSecret() {
    secret = new byte[32];
    RANDOM.nextBytes(secret);
    StreamSecretSealer sealer = StreamSecretSealer.create(SecretBytes.random(32, RANDOM), RANDOM);
    StreamId id = StreamId.random(RANDOM);
    byte[] sealed = sealer.seal(SecretBytes.copyOf(secret), id, Direction.SEND);
    StreamMetadata metadata = new StreamMetadata(null, 1024, 0, Partition.ROUND_ROBIN, 1, 1,
        FileMetadata.of("secret plans.txt", "text/plain"), null);
    state = new PersistedStreamState(id, Direction.SEND, PeerAddress.parse("bob.1"),
        PersistedStreamState.Status.ACTIVE, metadata, List.of(LaneCheckpoint.empty(0)), sealed,
        "/tmp/in", null, Instant.parse("2026-03-01T10:00:00Z"));
  }

  @Test
  void theSqliteFilesHoldOnlyTheSealedSecret() throws IOException {
    Path file = dir.resolve("shade.db");
    try (ResumeStore store = SqliteStores.openResumeState(file)) {
      store.insert(state);
      store.update(state.withStatus(PersistedStreamState.Status.COMPLETE, state.updatedAt()));
      byte[] open = readFileSet(file);
      assertForms(open, "the open files (db, -wal, -shm)");
    }
    assertForms(readFileSet(file), "the closed file");
  }

  @Test
  void thePostgresRowsHoldOnlyTheSealedSecret() throws SQLException {
    byte[] rows;
    try (PostgresTestServer.TestNode node = PostgresTestServer.TestNode.connect()) {
      node.stores().resumeState().insert(state);
      rows = everyRow(node.login());
    }
    assertForms(rows, "the rows of every table");
  }

  /** The bytes of every column of every row of every table, and each row as text. */
  private static byte[] everyRow(PostgresTestServer.Login login) throws SQLException {
    ByteArrayOutputStream everything = new ByteArrayOutputStream();
    try (Connection c = login.open(); Statement statement = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery("SELECT table_name FROM information_schema.tables "
          + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertTrue(tables.contains("resume_state"), "tables: " + tables);
      for (String table : tables) {
        try (ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
          ResultSetMetaData columns = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= columns.getColumnCount(); i++) {
              byte[] value = rs.getBytes(i);
              if (value != null) {
                everything.writeBytes(value);
              }
            }
          }
        }
        try (ResultSet rs = statement.executeQuery("SELECT t::text FROM " + table + " t")) {
          while (rs.next()) {
            everything.writeBytes(rs.getString(1).getBytes(StandardCharsets.UTF_8));
          }
        }
      }
    }
    return everything.toByteArray();
  }

  private void assertForms(byte[] haystack, String where) {
    assertTrue(contains(haystack, state.sealedSecret()),
        "the sealed secret is in " + where + ", so the search works");
    Map<String, byte[]> forms = new LinkedHashMap<>();
    forms.put("raw", secret);
    forms.put("base64url", ascii(Base64.getUrlEncoder().withoutPadding().encodeToString(secret)));
    forms.put("base64", ascii(Base64.getEncoder().encodeToString(secret)));
    forms.put("hex", ascii(HexFormat.of().formatHex(secret)));
    forms.put("HEX", ascii(HexFormat.of().withUpperCase().formatHex(secret)));
    for (Map.Entry<String, byte[]> form : forms.entrySet()) {
      assertFalse(contains(haystack, form.getValue()),
          "the " + form.getKey() + " secret is in " + where);
    }
  }

  private static byte[] readFileSet(Path file) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int found = 0;
    for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
      Path part = file.resolveSibling(file.getFileName() + suffix);
      if (Files.exists(part)) {
        all.writeBytes(Files.readAllBytes(part));
        found++;
      }
    }
    assertTrue(found > 0);
    return all.toByteArray();
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
