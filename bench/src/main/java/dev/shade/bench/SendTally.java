package dev.shade.bench;

import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.TransferListener;
import dev.shade.transfer.TransferResult;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * What a sending node saw of each stream: plaintext bytes acknowledged and bytes that reached the
 * receiver (every attempt, re-sends included), and optionally a {@code progress} line each time
 * the acknowledged share passes a whole percent (with its time, {@code atMicros}) and a {@code
 * chunkSent} line per chunk that reached the receiver. Events arrive on the node's single event
 * thread; {@link #sentBytes} may be read from any thread.
 */
final class SendTally implements TransferListener {
  private final boolean printProgress;
  private final boolean printChunks;
  private final Map<StreamId, Tally> streams = new ConcurrentHashMap<>();

  SendTally(boolean printProgress, boolean printChunks) {
    this.printProgress = printProgress;
    this.printChunks = printChunks;
  }

  @Override
  public void started(StreamId streamId, Direction direction, StreamMetadata metadata) {
    if (direction == Direction.SEND && metadata.totalBytes() != null) {
      tally(streamId).totalBytes = metadata.totalBytes();
    }
  }

  @Override
  public void chunkAcked(StreamId streamId, int laneId, long seq, int plaintextBytes,
      String transport) {
    Tally tally = tally(streamId);
    tally.ackedBytes += plaintextBytes;
    if (printProgress && tally.totalBytes > 0) {
      int percent = (int) (tally.ackedBytes * 100 / tally.totalBytes);
      if (percent > tally.percentPrinted) {
        tally.percentPrinted = percent;
        JsonLines.print(new JsonObject().put("event", "progress")
            .put("streamId", streamId.toBase64Url()).put("ackedBytes", tally.ackedBytes)
            .put("percent", percent).put("atMicros", JsonLines.epochMicros(Instant.now())));
      }
    }
  }

  @Override
  public void chunkSent(StreamId streamId, int laneId, long seq, int plaintextBytes) {
    tally(streamId).sentBytes += plaintextBytes;
    if (printChunks) {
      JsonLines.printChunk("chunkSent", laneId, seq, plaintextBytes);
    }
  }

  @Override
  public void verified(StreamId streamId, TransferResult result) {
    tally(streamId).ended.countDown();
  }

  @Override
  public void failed(StreamId streamId, Throwable error) {
    tally(streamId).ended.countDown();
  }

  @Override
  public void aborted(StreamId streamId, String reason) {
    tally(streamId).ended.countDown();
  }

  /**
   * Plaintext bytes of every chunk that reached the receiver for {@code streamId}, re-sends
   * included, once its last event was delivered.
   */
  long sentBytes(StreamId streamId) throws InterruptedException {
    Tally tally = tally(streamId);
    if (!tally.ended.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("no final event for stream " + streamId.toBase64Url());
    }
    return tally.sentBytes;
  }

  private Tally tally(StreamId streamId) {
    return streams.computeIfAbsent(streamId, id -> new Tally());
  }

  private static final class Tally {
    final CountDownLatch ended = new CountDownLatch(1);
    volatile long totalBytes = -1;
    volatile long ackedBytes;
    volatile long sentBytes;
    volatile int percentPrinted = -1;
  }
}
