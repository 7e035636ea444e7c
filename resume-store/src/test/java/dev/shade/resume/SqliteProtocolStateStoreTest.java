package dev.shade.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ProtocolStateStoreContract;
import dev.shade.transfer.spi.StateSection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteProtocolStateStoreTest extends ProtocolStateStoreContract {
  @TempDir
  Path dir;

  @Override
  protected ProtocolStateStore newStore() {
    return SqliteStores.openProtocolState(dir.resolve("state.db"));
  }

  @Test
  void valuesSurviveReopening() {
    store.put(StateSection.SESSION, "bob.1", new byte[] {4, 5});
    store.close();
    try (ProtocolStateStore again = newStore()) {
      assertArrayEquals(new byte[] {4, 5}, again.get(StateSection.SESSION, "bob.1").orElseThrow());
    }
  }

  @Test
  void fileIsInWalMode() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("state.db"));
        ResultSet rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
      assertEquals("wal", rs.getString(1));
    }
  }
}
