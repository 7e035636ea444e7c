package dev.shade.cli;

import dev.shade.streams.StreamId;
import dev.shade.transfer.TransferListener;
import dev.shade.transfer.TransferResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Feeds a {@link TransferReport} from the command's thread (start, result, error) and the engine's
 * event thread (acknowledged chunks), one call at a time, with progress thinned out to the report's
 * interval. Progress of a transfer that has ended is dropped: the engine may still be delivering
 * acknowledgements when the result arrives.
 */
final class TransferTracker implements TransferListener {
  private final TransferReport report;
  private final long intervalNanos;
  private final Map<StreamId, Tracked> tracked = new HashMap<>();

  private static final class Tracked {
    final Sending sending;
    long sentBytes;
    long reportedAtNanos;

    Tracked(Sending sending) {
      this.sending = sending;
      this.reportedAtNanos = sending.startNanos();
    }
  }

  TransferTracker(TransferReport report) {
    this.report = report;
    this.intervalNanos = report.progressInterval().toNanos();
  }

  synchronized void track(Sending sending) {
    tracked.put(sending.streamId(), new Tracked(sending));
    report.started(sending);
  }

  synchronized void complete(Sending sending, TransferResult result) {
    tracked.remove(sending.streamId());
    report.result(sending, result);
  }

  /** @param sending null for a failure before any transfer started */
  synchronized void fail(Sending sending, CliException error) {
    if (sending != null) {
      tracked.remove(sending.streamId());
    }
    report.error(sending, error);
  }

  /** Reports every transfer still running as failed, with the error {@code why} gives for it. */
  synchronized void abandonAll(Function<Sending, CliException> why) {
    List<Tracked> running = new ArrayList<>(tracked.values());
    tracked.clear();
    running.forEach(t -> report.error(t.sending, why.apply(t.sending)));
  }

  @Override
  public synchronized void chunkAcked(StreamId streamId, int laneId, long seq, int plaintextBytes,
      String transport) {
    Tracked t = tracked.get(streamId);
    if (t == null) {
      return;
    }
    t.sentBytes += plaintextBytes;
    long now = System.nanoTime();
    if (now - t.reportedAtNanos >= intervalNanos) {
      t.reportedAtNanos = now;
      report.progress(t.sending, t.sentBytes);
    }
  }
}
