package dev.shade.cli;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import java.nio.file.Path;

/**
 * One file on its way to a peer, as the reports show it.
 *
 * @param startNanos {@link System#nanoTime()} when this process started or resumed the upload
 * @param startBytes bytes the receiver had acknowledged before then (0 for a new upload)
 */
record Sending(Path file, StreamId streamId, long totalBytes, int lanes, PeerAddress to,
    long startNanos, long startBytes, Start start) {

  /** Whether this process started the stream or continues one that an earlier run began. */
  enum Start {
    NEW,
    RESUMED
  }

  /** A new upload, from its first byte. */
  static Sending started(Path file, StreamId streamId, long totalBytes, int lanes,
      PeerAddress to) {
    return new Sending(file, streamId, totalBytes, lanes, to, System.nanoTime(), 0, Start.NEW);
  }

  /** Bytes per second moved by this process, given {@code ackedBytes} of the stream by now. */
  double bytesPerSecond(long ackedBytes, long nowNanos) {
    double seconds = Math.max(1e-3, (nowNanos - startNanos) / 1e9);
    return Math.max(0, ackedBytes - startBytes) / seconds;
  }

  /** The file's name for display: its last path element, with control characters shown as ?. */
  String displayName() {
    Path name = file.getFileName();
    return Display.printable(name == null ? file.toString() : name.toString());
  }
}
