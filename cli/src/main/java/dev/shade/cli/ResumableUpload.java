package dev.shade.cli;

import dev.shade.streams.ChunkSpec;
import dev.shade.streams.RangePlan;
import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.LaneCheckpoint;
import dev.shade.transfer.spi.PersistedStreamState;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An interrupted upload persisted in a home, as {@code shade resume} lists and continues it: its
 * file, peer and progress as this node last knew them (the receiver may hold a little more).
 */
record ResumableUpload(PersistedStreamState state) {
  StreamId streamId() {
    return state.streamId();
  }

  /** The input file's absolute path, as the upload recorded it. */
  Optional<Path> file() {
    return Optional.ofNullable(state.location()).map(Path::of);
  }

  long totalBytes() {
    Long total = state.metadata().totalBytes();
    return total == null ? 0 : total;
  }

  int lanes() {
    return state.metadata().lanes();
  }

  /** Per lane, the last seq acknowledged as far as this node knows (−1: none). */
  long[] ackedThroughSeqs() {
    return state.lanes().stream().mapToLong(LaneCheckpoint::lastSeqAcked).toArray();
  }

  /** Per lane, the highest seq an earlier run sealed (and may have sent); −1: none. */
  long[] sealedThroughSeqs() {
    return state.lanes().stream().mapToLong(LaneCheckpoint::hashedThroughSeq).toArray();
  }

  /** Bytes of the chunks acknowledged as far as this node knows. */
  long ackedBytes() {
    RangePlan plan = RangePlan.create(totalBytes(), lanes(), state.metadata().chunkSizeBytes());
    long bytes = 0;
    List<LaneCheckpoint> lanes = state.lanes();
    for (LaneCheckpoint lane : lanes) {
      long acked = Math.min(lane.lastSeqAcked(), plan.chunkCount(lane.laneId()) - 1);
      if (acked >= 0) {
        ChunkSpec last = plan.chunk(lane.laneId(), acked);
        bytes += last.offset() + last.lengthBytes() - plan.laneStart(lane.laneId());
      }
    }
    return bytes;
  }

  /** The command line that continues it from {@code home}, with {@code file} as given. */
  static String command(Home home, StreamId streamId, Path file) {
    return "shade resume " + home.option() + streamId.toBase64Url() + " "
        + Shell.quote(file.toString());
  }
}
