package dev.shade.cli;

import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.TransferListener;
import dev.shade.transfer.TransferResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Feeds a {@link TransferReport} from the command's thread (start, result, pause, error) and the
 * engine's event thread (chunks sent and acknowledged), one call at a time, with progress thinned
 * out to the report's interval.
 *
 * <p>Counting starts with the engine's {@code started} event, so that no chunk of an upload is
 * missed before the command learns its stream id; a resumed upload is {@link #expect expected}
 * with what earlier runs did. Every chunk event of a stream precedes its end event ({@code
 * verified}, {@code failed} or {@code aborted}) on the event thread: {@link #awaitEnd} waits for
 * it, so that the final report holds the final counts.
 */
final class TransferTracker implements TransferListener {
  /** Beyond this an end event is taken as lost (the node closed before it was delivered). */
  private static final Duration END_EVENT_WAIT = Duration.ofSeconds(5);
  private final TransferReport report;
  private final long intervalNanos;
  private final Map<StreamId, Tracked> tracked = new HashMap<>();

  private static final class Tracked {
    final long totalBytes;
    final SeenChunks acked;
    final SeenChunks sent;
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    Sending sending;
    long ackedBytes;
    long sentBytes;
    long resentBytes;
    long reportedAtNanos;

    Tracked(long totalBytes, SeenChunks acked, SeenChunks sent, long ackedBytes) {
      this.totalBytes = totalBytes;
      this.acked = acked;
      this.sent = sent;
      this.ackedBytes = ackedBytes;
    }

    Progress progress() {
      return new Progress(Math.min(ackedBytes, totalBytes), sentBytes, resentBytes);
    }
  }

  TransferTracker(TransferReport report) {
    this.report = report;
    this.intervalNanos = report.progressInterval().toNanos();
  }

  /**
   * Prepares the counts of an upload about to be resumed: chunks through {@code ackedThrough}
   * (per lane) count as acknowledged, {@code ackedBytes} in all; chunks through {@code
   * sealedThrough} as sent before, so that sending them again counts as re-sent.
   */
  synchronized void expect(StreamId streamId, long totalBytes, long ackedBytes,
      long[] ackedThrough, long[] sealedThrough) {
    tracked.put(streamId, new Tracked(totalBytes, new SeenChunks(ackedThrough),
        new SeenChunks(sealedThrough), ackedBytes));
  }

  /** Reports {@code sending} started; its counts began with the engine's events. */
  synchronized void track(Sending sending) {
    Tracked t = tracked.computeIfAbsent(sending.streamId(),
        id -> fresh(sending.totalBytes(), sending.lanes()));
    t.sending = sending;
    t.reportedAtNanos = sending.startNanos();
    report.started(sending);
  }

  /** Waits (a few seconds at most) until the engine delivered the stream's end event. */
  void awaitEnd(StreamId streamId) {
    CompletableFuture<Void> ended;
    synchronized (this) {
      Tracked t = tracked.get(streamId);
      if (t == null) {
        return;
      }
      ended = t.ended;
    }
    try {
      ended.get(END_EVENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // report with the counts so far
    }
  }

  synchronized void complete(Sending sending, TransferResult result) {
    Tracked t = tracked.remove(sending.streamId());
    if (t != null) {
      report.result(sending, result, t.progress());
    }
  }

  synchronized void pause(Sending sending, String resumeCommand) {
    Tracked t = tracked.remove(sending.streamId());
    if (t != null) {
      report.paused(sending, t.progress(), resumeCommand);
    }
    notifyAll();
  }

  /** @param sending null for a failure before any transfer started */
  synchronized void fail(Sending sending, CliException error) {
    Tracked t = sending == null ? null : tracked.remove(sending.streamId());
    if (sending != null && t == null) {
      return;
    }
    report.error(sending, t == null ? null : t.progress(), error);
    notifyAll();
  }

  /** Reports {@code error}, which came before any transfer started, as the command's end. */
  CliException failBeforeStart(Throwable error) {
    CliException failure = Failures.explain(error);
    fail(null, failure);
    return failure;
  }

  /** Waits until every started transfer has been reported as ended, for at most {@code limit}. */
  synchronized void awaitReported(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (tracked.values().stream().anyMatch(t -> t.sending != null)) {
      long leftMs = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMs <= 0) {
        return;
      }
      wait(leftMs);
    }
  }

  @Override
  public synchronized void started(StreamId streamId, Direction direction,
      StreamMetadata metadata) {
    if (direction == Direction.SEND && !tracked.containsKey(streamId)) {
      Long total = metadata.totalBytes();
      tracked.put(streamId, fresh(total == null ? Long.MAX_VALUE : total, metadata.lanes()));
    }
  }

  private static Tracked fresh(long totalBytes, int lanes) {
    return new Tracked(totalBytes, SeenChunks.none(lanes), SeenChunks.none(lanes), 0);
  }

  @Override
  public synchronized void chunkSent(StreamId streamId, int laneId, long seq,
      int plaintextBytes) {
    Tracked t = tracked.get(streamId);
    if (t == null) {
      return;
    }
    t.sentBytes += plaintextBytes;
    if (!t.sent.add(laneId, seq)) {
      t.resentBytes += plaintextBytes;
    }
  }

  @Override
  public synchronized void chunkAcked(StreamId streamId, int laneId, long seq, int plaintextBytes,
      String transport) {
    Tracked t = tracked.get(streamId);
    if (t == null || !t.acked.add(laneId, seq)) {
      return;
    }
    t.ackedBytes += plaintextBytes;
    long now = System.nanoTime();
    if (t.sending != null && now - t.reportedAtNanos >= intervalNanos) {
      t.reportedAtNanos = now;
      report.progress(t.sending, t.progress());
    }
  }

  @Override
  public void verified(StreamId streamId, TransferResult result) {
    ended(streamId);
  }

  @Override
  public void failed(StreamId streamId, Throwable error) {
    ended(streamId);
  }

  @Override
  public void aborted(StreamId streamId, String reason) {
    ended(streamId);
  }

  private synchronized void ended(StreamId streamId) {
    Tracked t = tracked.get(streamId);
    if (t != null) {
      t.ended.complete(null);
    }
  }
}
