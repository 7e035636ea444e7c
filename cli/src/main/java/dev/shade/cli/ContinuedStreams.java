package dev.shade.cli;

import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.TransferListener;
import dev.shade.transfer.TransferResult;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code serve}'s lines for the streams it continues after a restart: the engine reloads them
 * from the resume store without offering them again, so {@link IncomingFiles} never hears of
 * them. A stream offered since this process started is {@link IncomingFiles}'s to report.
 */
final class ContinuedStreams implements TransferListener {
  private final Set<StreamId> offered = ConcurrentHashMap.newKeySet();
  private final PrintStream out;

  ContinuedStreams(PrintStream out) {
    this.out = out;
  }

  @Override
  public void started(StreamId streamId, Direction direction, StreamMetadata metadata) {
    if (direction == Direction.RECEIVE) {
      offered.add(streamId);
    }
  }

  @Override
  public void verified(StreamId streamId, TransferResult result) {
    if (!offered.contains(streamId) && result.path().isPresent()) {
      out.println("received " + Display.printable(result.path().get().getFileName().toString())
          + ": " + result.bytes() + " bytes, continued after a restart, verified, sha256 "
          + result.sha256());
    }
  }

  @Override
  public void failed(StreamId streamId, Throwable error) {
    if (!offered.contains(streamId)) {
      out.println("failed stream " + streamId.toBase64Url() + " (continued after a restart): "
          + Failures.explain(error).getMessage());
    }
  }

  @Override
  public void aborted(StreamId streamId, String reason) {
    if (!offered.contains(streamId)) {
      out.println("aborted stream " + streamId.toBase64Url() + " (continued after a restart): "
          + Display.printable(String.valueOf(reason)));
    }
  }
}
