package dev.shade.transfer;

import dev.shade.streams.ChunkSpec;
import dev.shade.streams.LaneHasher;
import dev.shade.streams.RangePlan;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.spi.LaneCheckpoint;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Where each lane of a resumed upload continues, proven safe first. For every lane it re-reads the
 * input from the lane's start through the highest seq ever sealed and checks the lane prefix hash
 * the journal recorded for it: only then may chunks after the receiver's {@code lastSeqAcked} be
 * encrypted again under their used nonces, because they carry the same bytes. A changed or
 * truncated input is refused before a single chunk is sealed.
 *
 * <p>Lanes are read in parallel on the workers (each lane owns its byte range).
 */
final class ResumePlan {
  /** Lane {@code laneId} continues at {@code nextSeq}; {@code hasher} holds chunks 0..nextSeq−1. */
  record LaneStart(int laneId, long nextSeq, LaneHasher hasher) {}

  private ResumePlan() {}

  /** A fresh upload: every lane from seq 0. */
  static List<LaneStart> fresh(int lanes) {
    List<LaneStart> starts = new ArrayList<>();
    for (int i = 0; i < lanes; i++) {
      starts.add(new LaneStart(i, 0, new LaneHasher(i)));
    }
    return starts;
  }

  /**
   * @param receiverAcked per lane, the receiver's {@code lastSeqAcked}
   * @throws ResumeRefusedException when the input is not the one sent, or the receiver's progress
   *     is impossible for this stream
   */
  static List<LaneStart> verify(Input input, StreamMetadata metadata, StreamId streamId,
      UploadJournal journal, long[] receiverAcked, ExecutorService workers)
      throws IOException, InterruptedException {
    if (metadata.totalBytes() == null || input instanceof Input.ChannelInput) {
      throw new ResumeRefusedException(ResumeRefusedException.Reason.NOT_RESUMABLE, streamId,
          "stream " + streamId + " was sent from an input of unknown size, which cannot be read "
              + "again; start a new transfer");
    }
    RangePlan plan = RangePlan.create(metadata.totalBytes(), metadata.lanes(),
        metadata.chunkSizeBytes());
    try (PositionalSource source = PositionalSource.open(input)) {
      if (source.sizeBytes() != plan.totalBytes()) {
        throw inputChanged(streamId, "the input is " + source.sizeBytes() + " bytes, the stream "
            + "sent " + plan.totalBytes());
      }
      List<Future<LaneStart>> lanes = new ArrayList<>();
      for (int i = 0; i < metadata.lanes(); i++) {
        int laneId = i;
        long acked = receiverAcked[i];
        if (acked < -1 || acked >= plan.chunkCount(laneId)) {
          throw new ResumeRefusedException(ResumeRefusedException.Reason.RECEIVER_LOST_STREAM,
              streamId, "the receiver reports lastSeqAcked " + acked + " for lane " + laneId
                  + ", which has " + plan.chunkCount(laneId) + " chunks");
        }
        LaneCheckpoint sealed = journal.lane(laneId);
        lanes.add(workers.submit(() -> verifyLane(source, plan, laneId, sealed, acked, streamId)));
      }
      List<LaneStart> starts = new ArrayList<>();
      for (Future<LaneStart> lane : lanes) {
        starts.add(RangeFeeder.join(lane));
      }
      return starts;
    }
  }

  private static LaneStart verifyLane(PositionalSource source, RangePlan plan, int laneId,
      LaneCheckpoint sealed, long receiverAcked, StreamId streamId) throws IOException {
    long sealedThrough = Math.min(sealed.hashedThroughSeq(), plan.chunkCount(laneId) - 1);
    if (sealed.hashedThroughSeq() >= plan.chunkCount(laneId)) {
      throw inputChanged(streamId, "lane " + laneId + " sealed more chunks than the input has");
    }
    long readThrough = Math.max(sealedThrough, receiverAcked);
    LaneHasher hasher = new LaneHasher(laneId);
    LaneHasher start = receiverAcked < 0 ? new LaneHasher(laneId) : null;
    byte[] buffer = new byte[plan.chunkSizeBytes()];
    for (long seq = 0; seq <= readThrough; seq++) {
      ChunkSpec spec = plan.chunk(laneId, seq);
      source.read(spec.offset(), buffer, spec.lengthBytes());
      hasher.addChunk(buffer, 0, spec.lengthBytes());
      if (seq == sealedThrough
          && !MessageDigest.isEqual(hasher.prefixSha256(), sealed.prefixSha256())) {
        throw inputChanged(streamId, "lane " + laneId + " differs from what was sent within its "
            + "first " + (seq + 1) + " chunks");
      }
      if (seq == receiverAcked) {
        start = hasher.copy();
      }
    }
    return new LaneStart(laneId, receiverAcked + 1, start);
  }

  private static ResumeRefusedException inputChanged(StreamId streamId, String why) {
    return new ResumeRefusedException(ResumeRefusedException.Reason.INPUT_CHANGED, streamId,
        "cannot resume stream " + streamId + ": the input changed since it was sent (" + why
            + "); nothing was sent. Send the file as a new transfer");
  }
}
