package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.Partition;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.TransferListener.Direction;
import dev.shade.transfer.TransferPausedException;
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
  private final StreamId id = StreamId.random(new SecureRandom());
  private final Sending sending = Sending.started(Path.of("a.bin"), id, 100, 2,
      PeerAddress.parse("bob.1"));

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
      public void progress(Sending s, Progress p) {
        calls.add("progress " + p.ackedBytes());
      }

      @Override
      public void result(Sending s, TransferResult result, Progress p) {
        calls.add("result " + p);
      }

      @Override
      public void paused(Sending s, Progress p, String resumeCommand) {
        calls.add("paused " + resumeCommand);
      }

      @Override
      public void error(Sending s, Progress p, CliException error) {
        calls.add("error " + (s == null ? "before start" : "during") + ": " + error.getMessage());
      }
    };
  }

  private static StreamMetadata metadata() {
    return new StreamMetadata(100L, 1024, 0, Partition.RANGE, 2, 4, null, null);
  }

  @Test
  void progressComesNoMoreOftenThanTheReportsInterval() {
    TransferTracker tracker = new TransferTracker(recording(Duration.ofHours(1)));
    tracker.track(sending);
    for (int seq = 0; seq < 10; seq++) {
      tracker.chunkAcked(id, 0, seq, 10, "http");
    }
    assertEquals(List.of("started"), calls);
  }

  @Test
  void everyChunkIsCountedOnceTowardsProgressEvenWhenAcknowledgedTwice() {
    TransferTracker tracker = new TransferTracker(recording(Duration.ZERO));
    tracker.track(sending);
    tracker.chunkAcked(id, 0, 0, 10, "http");
    tracker.chunkAcked(id, 1, 0, 15, "http");
    tracker.chunkAcked(id, 1, 0, 15, "http");
    assertEquals(List.of("started", "progress 10", "progress 25"), calls);
  }

  @Test
  void chunksSentAgainCountAsResentAlsoWhenAnEarlierRunSealedThem() {
    TransferTracker tracker = new TransferTracker(recording(Duration.ofHours(1)));
    tracker.expect(id, 100, 30, new long[] {0, -1}, new long[] {2, 0});
    tracker.started(id, Direction.SEND, metadata());
    tracker.track(sending);
    tracker.chunkSent(id, 0, 1, 10);
    tracker.chunkSent(id, 0, 3, 10);
    tracker.chunkSent(id, 1, 0, 10);
    tracker.chunkSent(id, 1, 2, 10);
    tracker.chunkSent(id, 1, 1, 10);
    tracker.chunkSent(id, 1, 2, 10);
    tracker.chunkAcked(id, 0, 0, 10, "ws");
    tracker.chunkAcked(id, 0, 1, 10, "ws");
    tracker.verified(id, null);
    tracker.awaitEnd(id);
    tracker.complete(sending, null);
    assertEquals(List.of("started", "result Progress[ackedBytes=40, sentBytes=60, resentBytes=30]"),
        calls);
  }

  @Test
  void countingStartsWithTheEnginesStartedEventBeforeTheCommandTracks() {
    TransferTracker tracker = new TransferTracker(recording(Duration.ofHours(1)));
    tracker.started(id, Direction.SEND, metadata());
    tracker.chunkSent(id, 0, 0, 10);
    tracker.chunkAcked(id, 0, 0, 10, "ws");
    tracker.track(sending);
    tracker.complete(sending, null);
    assertEquals(List.of("started", "result Progress[ackedBytes=10, sentBytes=10, resentBytes=0]"),
        calls);
  }

  @Test
  void aTransferEndsOnceWhateverReportsItSecond() throws Exception {
    TransferTracker tracker = new TransferTracker(recording(Duration.ZERO));
    tracker.fail(null, new CliException(ExitStatus.UNREACHABLE, "down"));
    tracker.track(sending);
    tracker.pause(sending, "shade resume x a.bin");
    tracker.fail(sending, Failures.explain(new TransferPausedException(id)));
    tracker.complete(sending, null);
    tracker.chunkAcked(id, 0, 9, 10, "http");
    tracker.awaitReported(Duration.ZERO);
    assertEquals(List.of("error before start: down", "started", "paused shade resume x a.bin"),
        calls);
  }
}
