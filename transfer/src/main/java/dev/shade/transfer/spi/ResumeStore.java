package dev.shade.transfer.spi;

import dev.shade.streams.StreamId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable (or in-memory) storage for the {@link PersistedStreamState} of streams in progress, so
 * that a sender or a receiver continues a stream after its process restarts.
 *
 * <p>What is persisted, and when (the engine decides; a store only keeps what it is given):
 * <ul>
 *   <li>A sender inserts a state before it sends {@code stream-init} (status {@code PENDING}),
 *       updates it to {@code ACTIVE} on accept, and records each lane's sealed frontier before a
 *       chunk leaves the process; it deletes the state once the receiver verified the stream, or
 *       when the stream is declined or aborted.
 *   <li>A receiver inserts a state when it accepts a stream into a file, records acknowledged
 *       seqs in batches, each after forcing the partial file to disk and before the acks are
 *       answered; it marks the state {@code COMPLETE} when the stream verified and deletes it when
 *       the stream is aborted or fails.
 *   <li>Secrets are sealed before they reach a store: a store never sees a raw stream secret.
 * </ul>
 *
 * <p>Guarantees every implementation gives (one shared contract test runs against each):
 * <ul>
 *   <li>Each method is atomic and, for durable backends, durable once it returns (a crash of the
 *       process loses nothing that a method returned from).
 *   <li>States are keyed by ({@code streamId}, {@code direction}).
 *   <li>{@link #update} never inserts: a state that was pruned or deleted stays gone, also when
 *       an update races with the prune.
 *   <li>{@link #pruneOlderThan} removes exactly the states whose {@code updatedAt} is before the
 *       cutoff at the moment each is removed; it is idempotent and safe to run concurrently with
 *       itself and with updates.
 *   <li>Safe for concurrent use by any number of threads. Methods block on I/O: never call them
 *       on an event loop.
 *   <li>{@link #close()} is idempotent; any other call after it throws {@link
 *       IllegalStateException}.
 * </ul>
 *
 * <pre>{@code
 * try (ResumeStore store = ResumeStore.inMemory()) {
 *   store.insert(state);
 *   store.update(state.withLanes(progress, clock.instant()));
 *   List<PersistedStreamState> gone = store.pruneOlderThan(clock.instant().minus(Duration.ofDays(14)));
 * }
 * }</pre>
 */
public interface ResumeStore extends AutoCloseable {
  /** Inserts {@code state}; false (and nothing changed) when one with its key exists. */
  boolean insert(PersistedStreamState state);

  /**
   * Replaces the stored state with the same key by {@code state}; false (and nothing stored) when
   * there is none, e.g. because it was pruned.
   */
  boolean update(PersistedStreamState state);

  Optional<PersistedStreamState> find(StreamId streamId, PersistedStreamState.Direction direction);

  /** Every state of {@code direction}, oldest {@code updatedAt} first. */
  List<PersistedStreamState> list(PersistedStreamState.Direction direction);

  /** Removes the state with this key; returns whether there was one. */
  boolean delete(StreamId streamId, PersistedStreamState.Direction direction);

  /** Removes every state with {@code updatedAt < olderThan} and returns what it removed. */
  List<PersistedStreamState> pruneOlderThan(Instant olderThan);

  @Override
  void close();

  /** A fresh store that keeps everything in memory and loses it on exit. */
  static ResumeStore inMemory() {
    return new InMemoryResumeStore();
  }
}
