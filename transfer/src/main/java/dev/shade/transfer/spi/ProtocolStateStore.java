package dev.shade.transfer.spi;

import java.util.Map;
import java.util.Optional;

/**
 * Durable (or in-memory) storage for a node's Signal protocol state: its identity, prekeys, peer
 * identities and sessions, as opaque byte values under string keys in a few {@link StateSection}s.
 *
 * <p>This is the SPI that {@code resume-store} implements (SQLite) and that {@link #inMemory()}
 * implements next to it; the libsignal store interfaces, trust on first use and key rotation are
 * built once on top of it in {@code dev.shade.transfer}, so every backend behaves the same.
 *
 * <p>Guarantees every implementation gives:
 * <ul>
 *   <li>Each method is atomic and durable once it returns (for durable backends).
 *   <li>Values are copied in and out: a caller may change an array it passed or received.
 *   <li>Safe for concurrent use by any number of threads.
 *   <li>Methods block (on disk I/O for durable backends): never call them on an event loop.
 *   <li>{@link #close()} is idempotent; any other call after it throws {@link IllegalStateException}.
 * </ul>
 *
 * <pre>{@code
 * try (ProtocolStateStore store = ProtocolStateStore.inMemory()) {
 *   store.put(StateSection.SESSION, "bob.1", record.serialize());
 *   Optional<byte[]> again = store.get(StateSection.SESSION, "bob.1");
 * }
 * }</pre>
 */
public interface ProtocolStateStore extends AutoCloseable {
  Optional<byte[]> get(StateSection section, String key);

  /** Inserts or replaces. */
  void put(StateSection section, String key, byte[] value);

  /** Inserts only when {@code key} is absent; returns whether it inserted. */
  boolean putIfAbsent(StateSection section, String key, byte[] value);

  /** Removes {@code key} if present; returns whether it was present. */
  boolean remove(StateSection section, String key);

  /** A snapshot of every entry of {@code section}, ordered by key. */
  Map<String, byte[]> entries(StateSection section);

  /**
   * Removes and returns the smallest key of {@code section}, atomically: two concurrent callers
   * never receive the same key.
   */
  Optional<String> takeFirstKey(StateSection section);

  int count(StateSection section);

  @Override
  void close();

  /** A fresh store that keeps everything in memory and loses it on exit. */
  static ProtocolStateStore inMemory() {
    return InMemoryProtocolStateStore.create();
  }
}
