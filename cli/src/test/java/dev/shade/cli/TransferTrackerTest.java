package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import dev.shade.transfer.TransferResult;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransferTrackerTest {
  private final List<String> calls = new ArrayList<>();
  private final Sending sending = new Sending(Path.of("a.bin"), StreamId.random(new SecureRandom()),
      100, 4, PeerAddress.parse("bob.1"), System.nanoTime());

  /** A report that writes down what it is told. */
  private TransferReport recording(Duration interval) {
    return new TransferReport() {
      @Override
      public Duration progressInterval() {
        return interval;
      }

      @Override
      public void started(Sending s) {
        calls.add("started");
      }

      @Override
      public void progress(Sending s, long sentBytes) {
        calls.add("progress " + sentBytes);
      }

      @Override
      public void result(Sending s, TransferResult result) {
        calls.add("result");
      }

      @Override
      public void error(Sending s, CliException error) {
        calls.add("error " + (s == null ? "before start" : "during") + ": " + error.getMessage());
      }
    };
  }

  @Test
  void progressComesNoMoreOftenThanTheReportsInterval() {
    TransferTracker tracker = new TransferTracker(recording(Duration.ofHours(1)));
    tracker.track(sending);
    for (int seq = 0; seq < 10; seq++) {
      tracker.chunkAcked(sending.streamId(), 0, seq, 10, "http");
    }
    assertEquals(List.of("started"), calls);
  }

  @Test
  void everyAcknowledgementIsCountedWhenTheIntervalAllows() {
    TransferTracker tracker = new TransferTracker(recording(Duration.ZERO));
    tracker.track(sending);
    tracker.chunkAcked(sending.streamId(), 0, 0, 10, "http");
    tracker.chunkAcked(sending.streamId(), 1, 0, 15, "http");
    assertEquals(List.of("started", "progress 10", "progress 25"), calls);
  }

  @Test
  void acknowledgementsAfterTheResultAreDropped() {
    TransferTracker tracker = new TransferTracker(recording(Duration.ZERO));
    tracker.track(sending);
    tracker.complete(sending, new TransferResult(sending.streamId(), "00", 100, 5, "http",
        Optional.empty(), Optional.empty()));
    tracker.chunkAcked(sending.streamId(), 0, 9, 10, "http");
    assertEquals(List.of("started", "result"), calls);
  }

  @Test
  void abandoningReportsEveryRunningTransferOnce() {
    TransferTracker tracker = new TransferTracker(recording(Duration.ZERO));
    tracker.fail(null, new CliException(ExitStatus.UNREACHABLE, "down"));
    tracker.track(sending);
    tracker.abandonAll(s -> new CliException(ExitStatus.INTERRUPTED, "stopped"));
    tracker.abandonAll(s -> new CliException(ExitStatus.INTERRUPTED, "again"));
    assertEquals(List.of("error before start: down", "started", "error during: stopped"), calls);
  }
}
