package dev.shade.cli;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import java.nio.file.Path;

/**
 * One file on its way to a peer, as the reports show it.
 *
 * @param startNanos {@link System#nanoTime()} when the upload started
 */
record Sending(Path file, StreamId streamId, long totalBytes, int lanes, PeerAddress to,
    long startNanos) {

  /** Bytes per second since the start, given {@code sentBytes} acknowledged by now. */
  double bytesPerSecond(long sentBytes, long nowNanos) {
    double seconds = Math.max(1e-3, (nowNanos - startNanos) / 1e9);
    return sentBytes / seconds;
  }

  /** The file's name for display: its last path element, with control characters shown as ?. */
  String displayName() {
    Path name = file.getFileName();
    return Display.printable(name == null ? file.toString() : name.toString());
  }
}
