package dev.shade.transfer.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guarantees of {@link ProtocolStateStore} that every implementation passes. */
public abstract class ProtocolStateStoreContract {
  protected ProtocolStateStore store;

  protected abstract ProtocolStateStore newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  @Test
  void storedValuesComeBack() {
    store.put(StateSection.SESSION, "bob.1", new byte[] {1, 2, 3});
    assertArrayEquals(new byte[] {1, 2, 3}, store.get(StateSection.SESSION, "bob.1").orElseThrow());
    assertEquals(Optional.empty(), store.get(StateSection.SESSION, "carol.1"));
    assertEquals(Optional.empty(), store.get(StateSection.PEER_IDENTITY, "bob.1"));
  }

  @Test
  void putReplacesAndRemoveReportsPresence() {
    store.put(StateSection.SESSION, "bob.1", new byte[] {1});
    store.put(StateSection.SESSION, "bob.1", new byte[] {2});
    assertArrayEquals(new byte[] {2}, store.get(StateSection.SESSION, "bob.1").orElseThrow());
    assertTrue(store.remove(StateSection.SESSION, "bob.1"));
    assertFalse(store.remove(StateSection.SESSION, "bob.1"));
  }

  @Test
  void valuesAreCopiedInAndOut() {
    byte[] value = {1, 2, 3};
    store.put(StateSection.PRE_KEY, "1", value);
    value[0] = 9;
    store.get(StateSection.PRE_KEY, "1").orElseThrow()[1] = 9;
    store.entries(StateSection.PRE_KEY).get("1")[2] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, store.get(StateSection.PRE_KEY, "1").orElseThrow());
  }

  @Test
  void emptyValuesAreValues() {
    store.put(StateSection.PRE_KEY_UNSERVED, "1", new byte[0]);
    assertArrayEquals(new byte[0], store.get(StateSection.PRE_KEY_UNSERVED, "1").orElseThrow());
  }

  @Test
  void putIfAbsentInsertsOnce() {
    assertTrue(store.putIfAbsent(StateSection.KYBER_BASE_KEY_SEEN, "k", new byte[] {1}));
    assertFalse(store.putIfAbsent(StateSection.KYBER_BASE_KEY_SEEN, "k", new byte[] {2}));
    assertArrayEquals(new byte[] {1},
        store.get(StateSection.KYBER_BASE_KEY_SEEN, "k").orElseThrow());
  }

  @Test
  void entriesAreOrderedByKeyAndCounted() {
    store.put(StateSection.SIGNED_PRE_KEY, "0000000003", new byte[] {3});
    store.put(StateSection.SIGNED_PRE_KEY, "0000000001", new byte[] {1});
    store.put(StateSection.SIGNED_PRE_KEY, "0000000002", new byte[] {2});
    Map<String, byte[]> entries = store.entries(StateSection.SIGNED_PRE_KEY);
    assertEquals(List.of("0000000001", "0000000002", "0000000003"), List.copyOf(entries.keySet()));
    assertEquals(3, store.count(StateSection.SIGNED_PRE_KEY));
    assertEquals(0, store.count(StateSection.KYBER_PRE_KEY));
  }

  @Test
  void takeFirstKeyRemovesTheSmallestKey() {
    store.put(StateSection.PRE_KEY_UNSERVED, "0000000002", new byte[0]);
    store.put(StateSection.PRE_KEY_UNSERVED, "0000000001", new byte[0]);
    assertEquals(Optional.of("0000000001"), store.takeFirstKey(StateSection.PRE_KEY_UNSERVED));
    assertEquals(Optional.of("0000000002"), store.takeFirstKey(StateSection.PRE_KEY_UNSERVED));
    assertEquals(Optional.empty(), store.takeFirstKey(StateSection.PRE_KEY_UNSERVED));
  }

  @Test
  void concurrentTakersNeverReceiveTheSameKey() throws Exception {
    int keys = 400;
    for (int i = 0; i < keys; i++) {
      store.put(StateSection.PRE_KEY_UNSERVED, String.format("%010d", i), new byte[0]);
    }
    Set<String> taken = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(pool.submit(() -> {
          int mine = 0;
          Optional<String> key;
          while ((key = store.takeFirstKey(StateSection.PRE_KEY_UNSERVED)).isPresent()) {
            assertTrue(taken.add(key.get()), "handed out twice: " + key.get());
            mine++;
          }
          return mine;
        }));
      }
      int total = 0;
      for (Future<Integer> result : results) {
        total += result.get(30, TimeUnit.SECONDS);
      }
      assertEquals(keys, total);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentPutIfAbsentAdmitsOneWinner() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 16; t++) {
        byte[] value = {(byte) t};
        results.add(pool.submit(
            () -> store.putIfAbsent(StateSection.KYBER_BASE_KEY_SEEN, "race", value)));
      }
      int winners = 0;
      for (Future<Boolean> result : results) {
        winners += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertEquals(1, winners);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closeIsIdempotentAndLaterCallsFail() {
    store.close();
    store.close();
    assertThrows(IllegalStateException.class, () -> store.get(StateSection.SESSION, "bob.1"));
  }
}
