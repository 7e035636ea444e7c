package dev.shade.transfer;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.SecretBytes;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.spi.LaneCheckpoint;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.ResumeStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sender's record of its upload: per lane, the highest seq sealed with the lane prefix hash
 * through it, and what is acknowledged. Kept in memory for a resume within the process and, with a
 * {@link ResumeStore}, written through before each chunk leaves the process, so that a resume after
 * a crash can prove that every chunk it encrypts again under a used nonce carries the same bytes.
 *
 * <p>Thread safety: lanes call {@link #sealed} concurrently; every method is synchronized.
 */
final class UploadJournal implements LaneSender.SealJournal {
  private static final Logger LOG = LoggerFactory.getLogger(UploadJournal.class);
  private final ResumeStore store;
  private final Clock clock;
  private final LaneCheckpoint[] lanes;
  private PersistedStreamState state;
  private boolean lost;

  private UploadJournal(ResumeStore store, Clock clock, PersistedStreamState state,
      List<LaneCheckpoint> lanes) {
    this.store = store;
    this.clock = clock;
    this.state = state;
    this.lanes = lanes.toArray(new LaneCheckpoint[0]);
  }

  /** A journal in memory only. */
  static UploadJournal inMemory(StreamMetadata metadata, Clock clock) {
    return new UploadJournal(null, clock, null, emptyLanes(metadata.lanes()));
  }

  /**
   * Persists a new upload (status {@code PENDING}) before its {@code stream-init} is sent; its
   * {@code location} is the input file (if any) and its {@code target} the receiver's base URL.
   */
  static UploadJournal begin(ResumeStore store, StreamSecretSealer sealer, StreamId streamId,
      PeerAddress peer, StreamMetadata metadata, SecretBytes secret, String location,
      String peerUrl, Clock clock) {
    List<LaneCheckpoint> lanes = emptyLanes(metadata.lanes());
    PersistedStreamState state = new PersistedStreamState(streamId,
        PersistedStreamState.Direction.SEND, peer, PersistedStreamState.Status.PENDING, metadata,
        lanes, sealer.seal(secret, streamId, PersistedStreamState.Direction.SEND), location, peerUrl,
        clock.instant());
    if (!store.insert(state)) {
      throw new IllegalStateException("a state for stream " + streamId + " exists already");
    }
    return new UploadJournal(store, clock, state, lanes);
  }

  /** A journal continuing from a persisted state. */
  static UploadJournal reopen(ResumeStore store, PersistedStreamState state, Clock clock) {
    return new UploadJournal(store, clock, state, state.lanes());
  }

  synchronized void accepted() {
    if (state != null && state.status() == PersistedStreamState.Status.PENDING) {
      write(state.withStatus(PersistedStreamState.Status.ACTIVE, clock.instant()));
    }
  }

  @Override
  public synchronized void sealed(int laneId, long seq, byte[] prefixSha256, long lastSeqAcked) {
    LaneCheckpoint lane = lanes[laneId];
    long acked = Math.max(lane.lastSeqAcked(), lastSeqAcked);
    lanes[laneId] = new LaneCheckpoint(laneId, acked, Math.max(seq, lane.hashedThroughSeq()),
        seq >= lane.hashedThroughSeq() ? prefixSha256 : lane.prefixSha256());
    if (state != null) {
      write(state.withLanes(List.of(lanes), clock.instant()));
    }
  }

  /** The receiver confirmed {@code lastSeqAcked} per lane (after a resume query). */
  synchronized void receiverAcked(long[] lastSeqAcked) {
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = lanes[i].withLastSeqAcked(Math.max(lanes[i].lastSeqAcked(), lastSeqAcked[i]));
    }
    if (state != null) {
      write(state.withLanes(List.of(lanes), clock.instant()));
    }
  }

  synchronized LaneCheckpoint lane(int laneId) {
    return lanes[laneId];
  }

  /** The upload ended (verified, declined or aborted): nothing is left to resume. */
  synchronized void close() {
    if (state != null) {
      try {
        store.delete(state.streamId(), PersistedStreamState.Direction.SEND);
      } catch (RuntimeException e) {
        LOG.warn("could not delete the resume state of {}; retention prunes it", state.streamId(),
            e);
      }
      state = null;
    }
  }

  private void write(PersistedStreamState next) {
    if (lost) {
      return;
    }
    if (store.update(next)) {
      state = next;
    } else {
      lost = true;
      LOG.warn("the resume state of {} was pruned while the upload runs; it cannot be resumed "
          + "after a restart", next.streamId());
    }
  }

  private static List<LaneCheckpoint> emptyLanes(int count) {
    List<LaneCheckpoint> lanes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lanes.add(LaneCheckpoint.empty(i));
    }
    return lanes;
  }
}
