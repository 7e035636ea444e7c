package dev.shade.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.PersistedStreamState.Direction;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ResumeStore;
import dev.shade.transfer.spi.StateSection;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteResumeStoreTest extends SqlResumeStoreContract {
  @TempDir
  Path dir;

  private Path file() {
    return dir.resolve("shade.db");
  }

  @Override
  protected ResumeStore newStore() {
    return SqliteStores.openResumeState(file());
  }

  @Override
  void execute(String sql, Object... parameters) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  @Test
  void statesSurviveReopening() {
    PersistedStreamState state = rangeState(newId(), Direction.SEND, T0);
    store.insert(state);
    store.close();
    try (ResumeStore again = newStore()) {
      assertEquals(Optional.of(state), again.find(state.streamId(), Direction.SEND));
    }
  }

  @Test
  void sharesItsFileWithTheProtocolState() {
    try (ProtocolStateStore protocol = SqliteStores.openProtocolState(file())) {
      protocol.put(StateSection.SESSION, "bob.7", new byte[] {7});
      PersistedStreamState state = roundRobinState(newId(), Direction.RECEIVE, T0);
      store.insert(state);
      assertArrayEquals(new byte[] {7}, protocol.get(StateSection.SESSION, "bob.7").orElseThrow());
      assertEquals(List.of(state), store.list(Direction.RECEIVE));
    }
    store.close();
    try (ProtocolStateStore protocol = SqliteStores.openProtocolState(file());
        ResumeStore resume = newStore()) {
      assertArrayEquals(new byte[] {7}, protocol.get(StateSection.SESSION, "bob.7").orElseThrow());
      assertEquals(1, resume.list(Direction.RECEIVE).size());
    }
  }
}
