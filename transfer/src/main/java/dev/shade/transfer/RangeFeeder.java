package dev.shade.transfer;

import dev.shade.streams.ChunkSpec;
import dev.shade.streams.RangePlan;
import dev.shade.streams.Sha256;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * RANGE: each lane reads its own byte range by position on its own thread; one more thread reads
 * the whole input in order for the overall SHA-256 (from the page cache, as the lanes just read
 * it). Memory: one chunk buffer per lane plus the lanes' in-flight envelopes.
 */
final class RangeFeeder implements LaneFeeder {
  private static final int HASH_BUFFER_BYTES = 1 << 20;
  private final PositionalSource source;
  private final RangePlan plan;
  private final List<LaneSender> lanes;
  private final ExecutorService workers;
  private final EventDispatcher events;
  private final StreamId streamId;

  RangeFeeder(PositionalSource source, StreamMetadata metadata, List<LaneSender> lanes,
      ExecutorService workers, EventDispatcher events, StreamId streamId) {
    this.source = source;
    this.plan = RangePlan.create(metadata.totalBytes(), metadata.lanes(), metadata.chunkSizeBytes());
    this.lanes = lanes;
    this.workers = workers;
    this.events = events;
    this.streamId = streamId;
  }

  @Override
  public SentTotals run() throws IOException, InterruptedException {
    try (source) {
      List<Future<?>> tasks = new ArrayList<>();
      for (LaneSender lane : lanes) {
        tasks.add(workers.submit(() -> {
          feed(lane);
          return null;
        }));
      }
      Future<String> overall = workers.submit(this::hashAll);
      for (Future<?> task : tasks) {
        join(task);
      }
      return new SentTotals(plan.totalBytes(), join(overall));
    }
  }

  private void feed(LaneSender lane) throws IOException, InterruptedException {
    int laneId = lane.laneId();
    long count = plan.chunkCount(laneId);
    // a lane's chunks are never larger than its first one: a small file needs no 1 MiB buffer
    byte[] buffer = new byte[count == 0 ? 0 : plan.chunk(laneId, 0).lengthBytes()];
    for (long seq = lane.nextSeq(); seq < count; seq++) {
      ChunkSpec spec = plan.chunk(laneId, seq);
      source.read(spec.offset(), buffer, spec.lengthBytes());
      lane.send(buffer, spec.lengthBytes(), spec.isLast());
    }
    lane.awaitAcked();
    events.emit(l -> l.laneFinished(streamId, laneId));
  }

  private String hashAll() throws IOException {
    MessageDigest digest = Sha256.newDigest();
    byte[] buffer = new byte[(int) Math.min(HASH_BUFFER_BYTES, Math.max(1, plan.totalBytes()))];
    for (long offset = 0; offset < plan.totalBytes(); ) {
      if (lanes.get(0).isFailed()) {
        return "";
      }
      int n = (int) Math.min(buffer.length, plan.totalBytes() - offset);
      source.read(offset, buffer, n);
      Sha256.update(digest, buffer, 0, n);
      offset += n;
    }
    return Sha256.hex(digest.digest());
  }

  static <T> T join(Future<T> task) throws IOException, InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException(cause);
    }
  }
}
