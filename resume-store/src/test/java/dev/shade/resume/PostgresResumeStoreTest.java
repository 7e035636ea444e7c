package dev.shade.resume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.PersistedStreamState.Direction;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ResumeStore;
import dev.shade.transfer.spi.StateSection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresResumeStoreTest extends SqlResumeStoreContract {
  private PostgresTestServer.TestNode node;

  /** Skips (or under CI fails) the whole class at once when there is no server. */
  @BeforeAll
  static void needsPostgres() {
    PostgresTestServer.login();
  }

  @Override
  protected ResumeStore newStore() {
    node = PostgresTestServer.TestNode.connect();
    return node.stores().resumeState();
  }

  @AfterEach
  void closeNode() throws SQLException {
    if (node != null) {
      node.close();
    }
  }

  @Override
  void execute(String sql, Object... parameters) throws SQLException {
    try (Connection c = node.login().open();
        PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  @Test
  void nodesWithDifferentNamespacesNeverSeeEachOthersRows() throws SQLException {
    try (PostgresTestServer.TestNode other = PostgresTestServer.TestNode.connect()) {
      ResumeStore mine = node.stores().resumeState();
      ResumeStore theirs = other.stores().resumeState();
      PersistedStreamState state = rangeState(newId(), Direction.SEND, T0.minusSeconds(1));
      PersistedStreamState theirState = tagged(state, 4, T0.minusSeconds(2));
      assertTrue(mine.insert(state));
      assertTrue(theirs.insert(theirState), "the same key in another namespace is another row");
      assertEquals(Optional.of(state), mine.find(state.streamId(), Direction.SEND));
      assertEquals(Optional.of(theirState), theirs.find(state.streamId(), Direction.SEND));
      PersistedStreamState onlyMine = roundRobinState(newId(), Direction.SEND, T0);
      mine.insert(onlyMine);
      assertFalse(theirs.update(onlyMine));
      assertFalse(theirs.delete(onlyMine.streamId(), Direction.SEND));
      assertEquals(List.of(theirState), theirs.list(Direction.SEND));
      assertEquals(List.of(theirState), theirs.pruneOlderThan(T0.plusSeconds(1)));
      assertEquals(List.of(state, onlyMine), mine.list(Direction.SEND));

      ProtocolStateStore myKeys = node.stores().protocolState();
      ProtocolStateStore theirKeys = other.stores().protocolState();
      myKeys.put(StateSection.PRE_KEY_UNSERVED, "0000000001", new byte[] {1});
      theirKeys.put(StateSection.PRE_KEY_UNSERVED, "0000000001", new byte[] {2});
      theirKeys.put(StateSection.PRE_KEY_UNSERVED, "0000000000", new byte[] {3});
      assertArrayEquals(new byte[] {1},
          myKeys.get(StateSection.PRE_KEY_UNSERVED, "0000000001").orElseThrow());
      assertEquals(1, myKeys.count(StateSection.PRE_KEY_UNSERVED));
      assertEquals(Optional.of("0000000001"), myKeys.takeFirstKey(StateSection.PRE_KEY_UNSERVED));
      assertEquals(2, theirKeys.count(StateSection.PRE_KEY_UNSERVED));
    }
  }

  @Test
  void closingTheStoresClosesBothStores() {
    PostgresStores stores = node.stores();
    stores.close();
    stores.close();
    assertThrows(IllegalStateException.class, () -> stores.resumeState().list(Direction.SEND));
    assertThrows(IllegalStateException.class,
        () -> stores.protocolState().count(StateSection.SESSION));
  }

  @Test
  void aNamespaceMustBeAPlainName() {
    for (String bad : new String[] {"", "-x", "a b", "x".repeat(129), "ü"}) {
      PostgresTestServer.Login login = node.login();
      assertThrows(IllegalArgumentException.class,
          () -> PostgresStores.connect(login.url(), login.user(), login.password(), bad), bad);
    }
  }
}
