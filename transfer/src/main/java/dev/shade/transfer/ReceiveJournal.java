package dev.shade.transfer;

import dev.shade.streams.LaneWindow;
import dev.shade.transfer.spi.LaneCheckpoint;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.ResumeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a received stream's acknowledgements durable: a chunk is acknowledged only once its bytes
 * are forced to the partial file and the lanes' {@code lastSeqAcked} (and the chunks beyond each
 * lane's gap, see {@link LaneCheckpoint#aheadMask()}) are in the {@link ResumeStore}. Commits
 * are grouped: the first chunk that needs one forces the file and writes the state for every
 * chunk recorded so far, while the others wait; so the cost is one force and one store write per
 * batch, not per chunk.
 *
 * <p>Thread safety: {@link #awaitDurable} is called by any number of delivering threads, outside
 * their lane locks; snapshots take each lane's lock briefly.
 */
final class ReceiveJournal {
  private static final Logger LOG = LoggerFactory.getLogger(ReceiveJournal.class);
  private final ResumeStore store;
  private final Clock clock;
  private final FileSink sink;
  private final LaneWindow[] windows;
  private final Object[] laneLocks;
  private final long[] durableAcked;
  private PersistedStreamState state;
  private long requested;
  private long durableEpoch;
  private boolean flushing;
  private boolean lost;

  ReceiveJournal(ResumeStore store, Clock clock, PersistedStreamState state, FileSink sink,
      LaneWindow[] windows, Object[] laneLocks) {
    this.store = store;
    this.clock = clock;
    this.state = state;
    this.sink = sink;
    this.windows = windows;
    this.laneLocks = laneLocks;
    this.durableAcked = new long[windows.length];
    for (int i = 0; i < windows.length; i++) {
      durableAcked[i] = state.lanes().get(i).lastSeqAcked();
    }
  }

  /** Returns once every chunk recorded in the lane windows before this call is durable. */
  void awaitDurable() {
    long mine;
    synchronized (this) {
      mine = ++requested;
    }
    while (true) {
      long target;
      synchronized (this) {
        while (durableEpoch < mine && flushing) {
          try {
            wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a durable ack", e);
          }
        }
        if (durableEpoch >= mine) {
          return;
        }
        flushing = true;
        target = requested;
      }
      boolean flushed = false;
      try {
        flush();
        flushed = true;
      } finally {
        synchronized (this) {
          flushing = false;
          if (flushed) {
            durableEpoch = Math.max(durableEpoch, target);
          }
          notifyAll();
        }
      }
    }
  }

  /** Per lane, the highest seq such that 0..seq are durable (what a resume query may report). */
  synchronized long durableAcked(int laneId) {
    return durableAcked[laneId];
  }

  /** The stream verified and was published: kept as complete until pruned. */
  synchronized void complete() {
    if (lost) {
      return;
    }
    Received received = snapshot();
    try {
      update(state.withLanes(lanes(received), clock.instant())
          .withStatus(PersistedStreamState.Status.COMPLETE, clock.instant()));
    } catch (RuntimeException e) {
      LOG.warn("could not mark {} complete in the resume store", state.streamId(), e);
    }
  }

  /** The stream ended without a file: nothing is left to resume. */
  synchronized void delete() {
    try {
      store.delete(state.streamId(), PersistedStreamState.Direction.RECEIVE);
    } catch (RuntimeException e) {
      LOG.warn("could not delete the resume state of {}; retention prunes it", state.streamId(), e);
    }
    lost = true;
  }

  private void flush() {
    Received received = snapshot();
    try {
      sink.force();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot force the partial file of " + state.streamId(), e);
    }
    synchronized (this) {
      if (!lost) {
        update(state.withLanes(lanes(received), clock.instant()));
      }
      for (int i = 0; i < durableAcked.length; i++) {
        durableAcked[i] = Math.max(durableAcked[i], received.lastSeqAcked[i]);
      }
    }
  }

  private void update(PersistedStreamState next) {
    if (store.update(next)) {
      state = next;
    } else {
      lost = true;
      LOG.warn("the resume state of {} was pruned while it is received; it cannot be resumed "
          + "after a restart", next.streamId());
    }
  }

  /**
   * What the lanes hold: through {@code lastSeqAcked}, and beyond each lane's gap the chunks in
   * {@code aheadMask}, acknowledged too and so as durable.
   */
  private record Received(long[] lastSeqAcked, long[] aheadMask) {}

  private Received snapshot() {
    Received received = new Received(new long[windows.length], new long[windows.length]);
    for (int i = 0; i < windows.length; i++) {
      synchronized (laneLocks[i]) {
        received.lastSeqAcked[i] = windows[i].lastSeqAcked();
        received.aheadMask[i] = windows[i].aheadMask();
      }
    }
    return received;
  }

  private List<LaneCheckpoint> lanes(Received received) {
    List<LaneCheckpoint> lanes = new ArrayList<>();
    for (int i = 0; i < windows.length; i++) {
      lanes.add(state.lanes().get(i).withReceived(received.lastSeqAcked[i],
          received.aheadMask[i]));
    }
    return lanes;
  }
}
