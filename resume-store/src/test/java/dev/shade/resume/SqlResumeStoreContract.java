package dev.shade.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.transfer.spi.LaneCheckpoint;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.PersistedStreamState.Direction;
import dev.shade.transfer.spi.ResumeStoreContract;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@link ResumeStoreContract}, and what the SQL stores add: a damaged row is named by find,
 * left out of lists and removed by prune.
 */
abstract class SqlResumeStoreContract extends ResumeStoreContract {
  /** Runs {@code sql} on the store's database behind the store's back. */
  abstract void execute(String sql, Object... parameters) throws SQLException;

  @Test
  void aDamagedRowIsNamedByFindLeftOutOfListsAndPruned() throws SQLException {
    Map<String, Object> damages = Map.of(
        "lanes", new byte[] {1, 0},
        "metadata", "{\"lanes\": \"three\"}",
        "status", "paused",
        "peer", "not an address",
        "direction", "sideways");
    PersistedStreamState intact = roundRobinState(newId(), Direction.SEND, T0.minusSeconds(1));
    store.insert(intact);
    for (Map.Entry<String, Object> damage : damages.entrySet()) {
      PersistedStreamState state = rangeState(newId(), Direction.SEND, T0.minusSeconds(10));
      store.insert(state);
      String id = state.streamId().toBase64Url();
      execute("UPDATE resume_state SET " + damage.getKey() + " = ? WHERE stream_id = ?",
          damage.getValue(), id);

      if (!damage.getKey().equals("direction")) {
        assertEquals(List.of(intact), store.list(Direction.SEND), "listed without the damage");
        StoreFailureException found = assertThrows(StoreFailureException.class,
            () -> store.find(state.streamId(), Direction.SEND));
        assertTrue(found.getMessage().contains(id), found.getMessage());
      }
      assertEquals(List.of(), store.pruneOlderThan(T0.minusSeconds(30)),
          "a prune before both leaves both");
      assertEquals(List.of(), store.pruneOlderThan(T0.minusSeconds(5)),
          "the damaged row is removed, and not returned");
      assertFalse(store.delete(state.streamId(), Direction.SEND), "it is gone");
      assertEquals(Optional.of(intact), store.find(intact.streamId(), Direction.SEND));
    }
    assertEquals(List.of(intact), store.pruneOlderThan(T0));
  }

  @Test
  void laneCheckpointsThatDoNotMatchTheMetadataAreDamage() throws SQLException {
    PersistedStreamState state = rangeState(newId(), Direction.RECEIVE, T0);
    store.insert(state);
    execute("UPDATE resume_state SET lanes = ? WHERE stream_id = ?",
        LaneCheckpoint.encodeAll(List.of(LaneCheckpoint.empty(0))), state.streamId().toBase64Url());
    StoreFailureException e = assertThrows(StoreFailureException.class,
        () -> store.find(state.streamId(), Direction.RECEIVE));
    assertTrue(e.getMessage().contains(state.streamId().toBase64Url()), e.getMessage());
    assertTrue(store.delete(state.streamId(), Direction.RECEIVE), "delete needs no decoding");
  }
}
