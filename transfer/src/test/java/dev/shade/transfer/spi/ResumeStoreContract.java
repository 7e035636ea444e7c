package dev.shade.transfer.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.FileMetadata;
import dev.shade.streams.Partition;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.spi.PersistedStreamState.Direction;
import dev.shade.transfer.spi.PersistedStreamState.Status;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarantees of {@link ResumeStore} that every implementation passes; a durable backend's test
 * extends this class and returns a fresh, empty store from {@link #newStore()}.
 */
public abstract class ResumeStoreContract {
  /** A fixed instant with milliseconds, so that precision loss shows. */
  protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123Z");
  protected static final PeerAddress BOB = PeerAddress.parse("bob.7");
  private static final SecureRandom RANDOM = new SecureRandom();

  protected ResumeStore store;

  protected abstract ResumeStore newStore() throws Exception;

  @BeforeEach
  void openStore() throws Exception {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }

  /** A RANGE state with every optional field set: file and user metadata, location, target. */
  protected static PersistedStreamState rangeState(StreamId id, Direction direction, Instant at) {
    Map<String, String> user = new LinkedHashMap<>();
    user.put("project", "shade");
    user.put("ünïcode key", "välue with \"quotes\" and \\ and \u2603");
    FileMetadata file = new FileMetadata("report ✓.pdf", "application/pdf",
        StreamId.random(RANDOM), "ab".repeat(32), "image/png", 1234L);
    StreamMetadata metadata = new StreamMetadata(10_000_000_000L, 1 << 20, 1_772_000_000_000L,
        Partition.RANGE, 3, 8, file, user);
    List<LaneCheckpoint> lanes = List.of(
        new LaneCheckpoint(0, 41, 40, bytes(LaneCheckpoint.SHA256_BYTES)),
        LaneCheckpoint.empty(1).withReceived(7, 0b1010L | Long.MIN_VALUE),
        new LaneCheckpoint(2, ChunkHeader.MAX_SEQ, ChunkHeader.MAX_SEQ - 1,
            bytes(LaneCheckpoint.SHA256_BYTES)));
    return new PersistedStreamState(id, direction, BOB, Status.ACTIVE, metadata, lanes,
        bytes(61), "/home/bob/in box/.shade-partial/" + id.toBase64Url(), "/home/bob/in box/r.pdf",
        at);
  }

  /** A ROUND_ROBIN state of unknown size with no optional field set. */
  protected static PersistedStreamState roundRobinState(StreamId id, Direction direction,
      Instant at) {
    StreamMetadata metadata = new StreamMetadata(null, 1024, 0, Partition.ROUND_ROBIN, 2, 1, null,
        null);
    return new PersistedStreamState(id, direction, PeerAddress.parse("carol.127"), Status.PENDING,
        metadata, List.of(LaneCheckpoint.empty(0), LaneCheckpoint.empty(1)), bytes(61), null, null,
        at);
  }

  /**
   * {@code base} with {@code tag} written into several fields (lanes, status, location, secret,
   * time), so that a record torn between two writes, or an update lost, shows.
   */
  protected static PersistedStreamState tagged(PersistedStreamState base, int tag, Instant at) {
    List<LaneCheckpoint> lanes = new ArrayList<>();
    for (LaneCheckpoint lane : base.lanes()) {
      lanes.add(lane.withLastSeqAcked(tag));
    }
    byte[] secret = new byte[61];
    Arrays.fill(secret, (byte) tag);
    return new PersistedStreamState(base.streamId(), base.direction(), base.peer(),
        Status.values()[tag % Status.values().length], base.metadata(), lanes, secret,
        "location " + tag, tag % 2 == 0 ? null : "target " + tag, at);
  }

  protected static StreamId newId() {
    return StreamId.random(RANDOM);
  }

  protected static byte[] bytes(int size) {
    byte[] b = new byte[size];
    RANDOM.nextBytes(b);
    return b;
  }

  @Test
  void insertedStatesComeBackWithEveryField() {
    PersistedStreamState range = rangeState(newId(), Direction.SEND, T0);
    PersistedStreamState roundRobin = roundRobinState(newId(), Direction.RECEIVE, T0);
    assertTrue(store.insert(range));
    assertTrue(store.insert(roundRobin));
    assertEquals(Optional.of(range), store.find(range.streamId(), Direction.SEND));
    assertEquals(Optional.of(roundRobin), store.find(roundRobin.streamId(), Direction.RECEIVE));
    PersistedStreamState found = store.find(range.streamId(), Direction.SEND).orElseThrow();
    assertEquals(range.metadata().fileMetadata(), found.metadata().fileMetadata());
    assertEquals(range.metadata().userMetadata(), found.metadata().userMetadata());
    assertEquals(range.location(), found.location());
    assertEquals(range.target(), found.target());
    assertEquals(T0, found.updatedAt());
    PersistedStreamState unknownSize = store.find(roundRobin.streamId(), Direction.RECEIVE)
        .orElseThrow();
    assertEquals(null, unknownSize.metadata().totalBytes());
    assertEquals(null, unknownSize.location());
    assertEquals(null, unknownSize.target());
  }

  @Test
  void absentStatesAreEmpty() {
    assertEquals(Optional.empty(), store.find(newId(), Direction.SEND));
    assertEquals(List.of(), store.list(Direction.SEND));
    assertEquals(List.of(), store.list(Direction.RECEIVE));
  }

  @Test
  void insertOfAnExistingKeyReturnsFalseAndChangesNothing() {
    PersistedStreamState first = rangeState(newId(), Direction.SEND, T0);
    assertTrue(store.insert(first));
    PersistedStreamState other = tagged(first, 9, T0.plusSeconds(5));
    assertFalse(store.insert(other));
    assertEquals(Optional.of(first), store.find(first.streamId(), Direction.SEND));
    assertEquals(List.of(first), store.list(Direction.SEND));
  }

  @Test
  void updateReplacesEveryFieldOfTheState() {
    PersistedStreamState first = rangeState(newId(), Direction.RECEIVE, T0);
    store.insert(first);
    PersistedStreamState replaced = tagged(first, 3, T0.plusMillis(1));
    assertNotEquals(first, replaced);
    assertTrue(store.update(replaced));
    assertEquals(Optional.of(replaced), store.find(first.streamId(), Direction.RECEIVE));
    PersistedStreamState back = first.withStatus(Status.COMPLETE, T0.plusMillis(2))
        .withLocation(null, null, T0.plusMillis(2));
    assertTrue(store.update(back));
    assertEquals(Optional.of(back), store.find(first.streamId(), Direction.RECEIVE));
  }

  @Test
  void updateOfAnAbsentStateReturnsFalseAndNeverInserts() {
    PersistedStreamState state = rangeState(newId(), Direction.SEND, T0);
    assertFalse(store.update(state));
    assertEquals(Optional.empty(), store.find(state.streamId(), Direction.SEND));
    store.insert(state);
    assertFalse(store.update(rangeState(state.streamId(), Direction.RECEIVE, T0)),
        "the same stream in the other direction is another key");
    assertEquals(Optional.empty(), store.find(state.streamId(), Direction.RECEIVE));
  }

  @Test
  void deleteRemovesOnlyThatKey() {
    PersistedStreamState a = rangeState(newId(), Direction.SEND, T0);
    PersistedStreamState b = roundRobinState(newId(), Direction.SEND, T0);
    store.insert(a);
    store.insert(b);
    assertTrue(store.delete(a.streamId(), Direction.SEND));
    assertFalse(store.delete(a.streamId(), Direction.SEND));
    assertFalse(store.delete(b.streamId(), Direction.RECEIVE));
    assertEquals(Optional.empty(), store.find(a.streamId(), Direction.SEND));
    assertEquals(List.of(b), store.list(Direction.SEND));
    assertFalse(store.update(a.withStatus(Status.COMPLETE, T0)), "a deleted state stays gone");
  }

  @Test
  void listReturnsOneDirectionOldestFirst() {
    PersistedStreamState newest = rangeState(newId(), Direction.SEND, T0.plusSeconds(60));
    PersistedStreamState oldest = roundRobinState(newId(), Direction.SEND, T0.minusSeconds(60));
    PersistedStreamState middle = rangeState(newId(), Direction.SEND, T0);
    PersistedStreamState received = rangeState(newId(), Direction.RECEIVE, T0.plusMillis(1));
    for (PersistedStreamState s : List.of(newest, received, oldest, middle)) {
      assertTrue(store.insert(s));
    }
    assertEquals(List.of(oldest, middle, newest), store.list(Direction.SEND));
    assertEquals(List.of(received), store.list(Direction.RECEIVE));
    assertTrue(store.update(oldest.withStatus(Status.ACTIVE, T0.plusSeconds(120))));
    assertEquals(List.of(middle.streamId(), newest.streamId(), oldest.streamId()),
        store.list(Direction.SEND).stream().map(PersistedStreamState::streamId).toList());
  }

  @Test
  void theSameStreamInBothDirectionsIsTwoStates() {
    StreamId id = newId();
    PersistedStreamState sent = rangeState(id, Direction.SEND, T0);
    PersistedStreamState received = roundRobinState(id, Direction.RECEIVE, T0.plusMillis(1));
    assertTrue(store.insert(sent));
    assertTrue(store.insert(received));
    assertEquals(Optional.of(sent), store.find(id, Direction.SEND));
    assertEquals(Optional.of(received), store.find(id, Direction.RECEIVE));
    PersistedStreamState updated = tagged(received, 5, T0.plusMillis(2));
    assertTrue(store.update(updated));
    assertEquals(Optional.of(sent), store.find(id, Direction.SEND));
    assertTrue(store.delete(id, Direction.SEND));
    assertEquals(Optional.of(updated), store.find(id, Direction.RECEIVE));
  }

  @Test
  void pruneRemovesExactlyTheStatesUpdatedBeforeTheCutoffAndIsIdempotent() {
    Instant cutoff = T0;
    PersistedStreamState justBefore = rangeState(newId(), Direction.SEND, cutoff.minusMillis(1));
    PersistedStreamState longBefore = roundRobinState(newId(), Direction.RECEIVE,
        cutoff.minusSeconds(30 * 86_400));
    PersistedStreamState atCutoff = rangeState(newId(), Direction.RECEIVE, cutoff);
    PersistedStreamState after = roundRobinState(newId(), Direction.SEND, cutoff.plusMillis(1));
    for (PersistedStreamState s : List.of(justBefore, longBefore, atCutoff, after)) {
      store.insert(s);
    }
    List<PersistedStreamState> pruned = store.pruneOlderThan(cutoff);
    assertEquals(Set.of(justBefore, longBefore), new HashSet<>(pruned));
    assertEquals(2, pruned.size());
    assertEquals(List.of(), store.pruneOlderThan(cutoff));
    assertEquals(List.of(after), store.list(Direction.SEND));
    assertEquals(List.of(atCutoff), store.list(Direction.RECEIVE));
    assertFalse(store.update(justBefore.withStatus(Status.ACTIVE, cutoff.plusSeconds(1))),
        "a pruned state stays gone");
    assertEquals(Optional.empty(), store.find(justBefore.streamId(), Direction.SEND));
  }

  @Test
  void valuesAreCopiedInAndOut() {
    PersistedStreamState state = rangeState(newId(), Direction.SEND, T0);
    store.insert(state);
    PersistedStreamState found = store.find(state.streamId(), Direction.SEND).orElseThrow();
    found.sealedSecret()[0] ^= 1;
    found.lanes().get(0).prefixSha256()[0] ^= 1;
    store.list(Direction.SEND).get(0).sealedSecret()[1] ^= 1;
    assertEquals(Optional.of(state), store.find(state.streamId(), Direction.SEND));
    assertEquals(List.of(state), store.pruneOlderThan(T0.plusMillis(1)));
  }

  @Test
  void closeIsIdempotentAndLaterCallsFail() {
    PersistedStreamState state = rangeState(newId(), Direction.SEND, T0);
    store.close();
    store.close();
    assertThrows(IllegalStateException.class, () -> store.insert(state));
    assertThrows(IllegalStateException.class, () -> store.update(state));
    assertThrows(IllegalStateException.class, () -> store.find(state.streamId(), Direction.SEND));
    assertThrows(IllegalStateException.class, () -> store.list(Direction.SEND));
    assertThrows(IllegalStateException.class, () -> store.delete(state.streamId(), Direction.SEND));
    assertThrows(IllegalStateException.class, () -> store.pruneOlderThan(T0));
  }

  @Test
  void concurrentWritersLoseNothingAndTheLastUpdateWinsPerKey() throws Exception {
    int threads = 8;
    int ownKeys = 3;
    int updates = 10;
    List<PersistedStreamState> shared = List.of(rangeState(newId(), Direction.SEND, T0),
        roundRobinState(newId(), Direction.RECEIVE, T0));
    Map<StreamId, AtomicInteger> insertWinners = new ConcurrentHashMap<>();
    Map<Integer, List<PersistedStreamState>> ownLast = new ConcurrentHashMap<>();
    List<Callable<Void>> writers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      writers.add(() -> {
        for (PersistedStreamState s : shared) {
          if (store.insert(tagged(s, thread, T0))) {
            insertWinners.computeIfAbsent(s.streamId(), k -> new AtomicInteger()).incrementAndGet();
          }
        }
        List<PersistedStreamState> mine = new ArrayList<>();
        for (int k = 0; k < ownKeys; k++) {
          PersistedStreamState s = rangeState(newId(), Direction.values()[k % 2], T0);
          assertTrue(store.insert(s));
          mine.add(s);
        }
        for (int u = 1; u <= updates; u++) {
          for (int k = 0; k < ownKeys; k++) {
            PersistedStreamState next = tagged(mine.get(k), thread * 100 + u, T0.plusMillis(u));
            assertTrue(store.update(next));
            mine.set(k, next);
          }
          for (PersistedStreamState s : shared) {
            assertTrue(store.update(tagged(s, thread * 100 + u, T0.plusMillis(u))));
          }
        }
        ownLast.put(thread, mine);
        return null;
      });
    }
    runTogether(writers);

    for (List<PersistedStreamState> mine : ownLast.values()) {
      for (PersistedStreamState last : mine) {
        assertEquals(Optional.of(last), store.find(last.streamId(), last.direction()));
      }
    }
    for (PersistedStreamState s : shared) {
      assertEquals(1, insertWinners.get(s.streamId()).get(), "one insert wins");
      PersistedStreamState stored = store.find(s.streamId(), s.direction()).orElseThrow();
      Set<PersistedStreamState> lastWrites = new HashSet<>();
      for (int t = 0; t < threads; t++) {
        lastWrites.add(tagged(s, t * 100 + updates, T0.plusMillis(updates)));
      }
      assertTrue(lastWrites.contains(stored),
          "the stored state is some thread's last update, whole: " + stored);
    }
    assertEquals(threads * ownKeys + shared.size(),
        store.list(Direction.SEND).size() + store.list(Direction.RECEIVE).size());
  }

  @Test
  void pruneRacingWithUpdatesRemovesEachStaleStateOnceAndNeverAFreshOne() throws Exception {
    Instant cutoff = T0;
    List<PersistedStreamState> stale = new ArrayList<>();
    List<PersistedStreamState> fresh = new ArrayList<>();
    List<PersistedStreamState> racing = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      stale.add(rangeState(newId(), Direction.values()[i % 2], cutoff.minusMillis(1 + i)));
      racing.add(roundRobinState(newId(), Direction.values()[i % 2], cutoff.minusMillis(1 + i)));
    }
    for (int i = 0; i < 16; i++) {
      fresh.add(roundRobinState(newId(), Direction.values()[i % 2], cutoff.plusMillis(i)));
    }
    for (PersistedStreamState s : concat(stale, fresh, racing)) {
      assertTrue(store.insert(s));
    }

    int updaters = 3;
    int rounds = 6;
    List<PersistedStreamState> pruned = new CopyOnWriteArrayList<>();
    Map<StreamId, PersistedStreamState> lastUpdate = new ConcurrentHashMap<>();
    AtomicInteger updatersLeft = new AtomicInteger(updaters);
    AtomicBoolean updatesRunning = new AtomicBoolean(true);
    List<Callable<Void>> workers = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      workers.add(() -> {
        do {
          pruned.addAll(store.pruneOlderThan(cutoff));
        } while (updatesRunning.get());
        pruned.addAll(store.pruneOlderThan(cutoff));
        return null;
      });
    }
    for (int u = 0; u < updaters; u++) {
      int updater = u;
      workers.add(() -> {
        Set<StreamId> gone = new HashSet<>();
        try {
          for (int round = 1; round <= rounds; round++) {
            for (int i = updater; i < fresh.size(); i += updaters) {
              PersistedStreamState next = tagged(fresh.get(i), round, cutoff.plusMillis(round));
              assertTrue(store.update(next), "a fresh state is never pruned");
              lastUpdate.put(next.streamId(), next);
            }
            for (int i = updater; i < racing.size(); i += updaters) {
              PersistedStreamState next = tagged(racing.get(i), round, cutoff.plusMillis(round));
              if (store.update(next)) {
                assertFalse(gone.contains(next.streamId()), "a pruned state came back");
                lastUpdate.put(next.streamId(), next);
              } else {
                assertFalse(lastUpdate.containsKey(next.streamId()),
                    "a state updated to a fresh time was pruned");
                gone.add(next.streamId());
              }
            }
          }
        } finally {
          if (updatersLeft.decrementAndGet() == 0) {
            updatesRunning.set(false);
          }
        }
        return null;
      });
    }
    runTogether(workers);

    Set<StreamId> prunedIds = pruned.stream().map(PersistedStreamState::streamId)
        .collect(Collectors.toSet());
    assertEquals(pruned.size(), prunedIds.size(), "a state was pruned twice");
    for (PersistedStreamState s : pruned) {
      assertTrue(s.updatedAt().isBefore(cutoff), "pruned a fresh state: " + s);
    }
    for (PersistedStreamState s : stale) {
      assertTrue(pruned.contains(s), "not pruned: " + s);
    }
    for (PersistedStreamState s : fresh) {
      assertEquals(Optional.of(lastUpdate.get(s.streamId())),
          store.find(s.streamId(), s.direction()));
    }
    for (PersistedStreamState s : racing) {
      Optional<PersistedStreamState> now = store.find(s.streamId(), s.direction());
      if (prunedIds.contains(s.streamId())) {
        assertTrue(pruned.contains(s), "pruned other than as inserted: " + s.streamId());
        assertEquals(Optional.empty(), now);
        assertFalse(lastUpdate.containsKey(s.streamId()), "pruned after an update made it fresh");
        assertFalse(store.update(tagged(s, 99, cutoff.plusSeconds(1))));
        assertEquals(Optional.empty(), store.find(s.streamId(), s.direction()),
            "a pruned state was brought back by an update");
      } else {
        assertEquals(Optional.of(lastUpdate.get(s.streamId())), now);
      }
    }
    assertEquals(fresh.size() + racing.size() - (prunedIds.size() - stale.size()),
        store.list(Direction.SEND).size() + store.list(Direction.RECEIVE).size());
  }

  @SafeVarargs
  private static List<PersistedStreamState> concat(List<PersistedStreamState>... lists) {
    List<PersistedStreamState> all = new ArrayList<>();
    for (List<PersistedStreamState> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  /** Starts every task at once on its own thread and rethrows the first failure. */
  private static void runTogether(List<Callable<Void>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Void>> results = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        results.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      for (Future<Void> result : results) {
        result.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
