package dev.shade.transfer;

import dev.shade.streams.ChunkSpec;
import dev.shade.streams.RoundRobinSplitter;
import dev.shade.streams.Sha256;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * ROUND_ROBIN: one reader reads the input in order, one chunk ahead so that it can flag the final
 * data chunk isLast, hashes it, and deals chunk {@code k} to lane {@code k mod L} through a queue of
 * {@code window} chunks per lane; lanes that already sent their last data chunk get an empty isLast
 * chunk at the end. Memory: lanes × window chunks queued plus those in flight.
 *
 * <p>The receiver writes round-robin chunks in stream order through a reorder buffer of lanes ×
 * window chunks. Lanes skew, so the reader deals chunk {@code k} only while {@code k} lies below
 * the lowest unacknowledged chunk of the stream + lanes × window: the buffer then never overflows
 * and the lagging lane is never starved behind a lane that is waiting for it.
 */
final class RoundRobinFeeder implements LaneFeeder {
  private final ReadableByteChannel input;
  private final int chunkSizeBytes;
  private final List<LaneSender> lanes;
  private final ExecutorService workers;
  private final EventDispatcher events;
  private final StreamId streamId;
  private final List<BlockingQueue<Chunk>> queues = new ArrayList<>();
  private final AckSignal acks;
  private final long skewChunks;

  private record Chunk(byte[] bytes, int length, boolean isLast) {}

  RoundRobinFeeder(ReadableByteChannel input, StreamMetadata metadata, List<LaneSender> lanes,
      ExecutorService workers, EventDispatcher events, StreamId streamId, AckSignal acks) {
    this.input = input;
    this.acks = acks;
    this.skewChunks = (long) lanes.size() * metadata.window();
    this.chunkSizeBytes = metadata.chunkSizeBytes();
    this.lanes = lanes;
    this.workers = workers;
    this.events = events;
    this.streamId = streamId;
    for (int i = 0; i < lanes.size(); i++) {
      queues.add(new ArrayBlockingQueue<>(metadata.window()));
    }
  }

  @Override
  public SentTotals run() throws IOException, InterruptedException {
    List<Future<?>> tasks = new ArrayList<>();
    for (LaneSender lane : lanes) {
      tasks.add(workers.submit(() -> {
        drain(lane);
        return null;
      }));
    }
    SentTotals totals;
    try {
      totals = read();
    } catch (IOException | RuntimeException | InterruptedException e) {
      lanes.forEach(l -> l.fail(e));
      throw e;
    }
    for (Future<?> task : tasks) {
      RangeFeeder.join(task);
    }
    return totals;
  }

  private SentTotals read() throws IOException, InterruptedException {
    RoundRobinSplitter splitter = RoundRobinSplitter.create(lanes.size(), chunkSizeBytes);
    MessageDigest digest = Sha256.newDigest();
    long total = 0;
    byte[] current = readChunk();
    while (current != null && current.length > 0) {
      byte[] next = readChunk();
      boolean isFinal = next == null || next.length == 0;
      Sha256.update(digest, current, 0, current.length);
      total += current.length;
      ChunkSpec spec = splitter.next(current.length, isFinal);
      put(spec, current);
      current = next;
    }
    for (ChunkSpec closing : splitter.finish()) {
      put(closing, new byte[0]);
    }
    return new SentTotals(total, Sha256.hex(digest.digest()));
  }

  private void put(ChunkSpec spec, byte[] bytes) throws InterruptedException {
    long global = spec.seq() * lanes.size() + spec.laneId();
    LaneSender lane = lanes.get(spec.laneId());
    acks.awaitUntil(() -> global < lowestUnackedChunk() + skewChunks || lane.isFailed());
    lane.checkNotFailed();
    BlockingQueue<Chunk> queue = queues.get(spec.laneId());
    Chunk chunk = new Chunk(bytes, spec.lengthBytes(), spec.isLast());
    while (!queue.offer(chunk, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      lane.checkNotFailed();
    }
  }

  private long lowestUnackedChunk() {
    long lowest = Long.MAX_VALUE;
    for (LaneSender lane : lanes) {
      lowest = Math.min(lowest, lane.lowestUnackedSeq() * lanes.size() + lane.laneId());
    }
    return lowest;
  }

  /** The next chunk: full size, shorter at the end of input, empty (or null) when none is left. */
  private byte[] readChunk() throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(chunkSizeBytes);
    while (buffer.hasRemaining()) {
      if (input.read(buffer) < 0) {
        break;
      }
    }
    if (buffer.position() == chunkSizeBytes) {
      return buffer.array();
    }
    byte[] tail = new byte[buffer.position()];
    System.arraycopy(buffer.array(), 0, tail, 0, tail.length);
    return tail;
  }

  private void drain(LaneSender lane) throws InterruptedException {
    BlockingQueue<Chunk> queue = queues.get(lane.laneId());
    while (true) {
      Chunk chunk = null;
      while (chunk == null) {
        if (lane.isFailed()) {
          lane.awaitAcked();
        }
        chunk = queue.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      }
      lane.send(chunk.bytes(), chunk.length(), chunk.isLast());
      if (chunk.isLast()) {
        break;
      }
    }
    lane.awaitAcked();
    int laneId = lane.laneId();
    events.emit(l -> l.laneFinished(streamId, laneId));
  }
}
