package dev.shade.transfer.spi;

import dev.shade.streams.StreamId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ResumeStore#inMemory()}: a concurrent map; atomic per key through its compute methods. */
final class InMemoryResumeStore implements ResumeStore {
  private record Key(StreamId streamId, PersistedStreamState.Direction direction) {}

  private final Map<Key, PersistedStreamState> states = new ConcurrentHashMap<>();
  private volatile boolean closed;

  @Override
  public boolean insert(PersistedStreamState state) {
    checkOpen();
    return states.putIfAbsent(key(state), state) == null;
  }

  @Override
  public boolean update(PersistedStreamState state) {
    checkOpen();
    return states.computeIfPresent(key(state), (k, old) -> state) != null;
  }

  @Override
  public Optional<PersistedStreamState> find(StreamId streamId,
      PersistedStreamState.Direction direction) {
    checkOpen();
    return Optional.ofNullable(states.get(new Key(streamId, direction)));
  }

  @Override
  public List<PersistedStreamState> list(PersistedStreamState.Direction direction) {
    checkOpen();
    List<PersistedStreamState> result = new ArrayList<>();
    for (PersistedStreamState s : states.values()) {
      if (s.direction() == direction) {
        result.add(s);
      }
    }
    result.sort(Comparator.comparing(PersistedStreamState::updatedAt)
        .thenComparing(s -> s.streamId().toBase64Url()));
    return result;
  }

  @Override
  public boolean delete(StreamId streamId, PersistedStreamState.Direction direction) {
    checkOpen();
    return states.remove(new Key(streamId, direction)) != null;
  }

  @Override
  public List<PersistedStreamState> pruneOlderThan(Instant olderThan) {
    checkOpen();
    List<PersistedStreamState> removed = new ArrayList<>();
    for (Key key : states.keySet()) {
      states.computeIfPresent(key, (k, s) -> {
        if (s.updatedAt().isBefore(olderThan)) {
          removed.add(s);
          return null;
        }
        return s;
      });
    }
    return removed;
  }

  @Override
  public void close() {
    closed = true;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }

  private static Key key(PersistedStreamState s) {
    return new Key(s.streamId(), s.direction());
  }
}
