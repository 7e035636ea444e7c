package dev.shade.cli;

import dev.shade.transfer.TransferResult;
import java.time.Duration;
import java.util.Optional;

/**
 * How {@code send} and {@code resume} show their transfers: newline-delimited JSON events ({@link
 * JsonReport}) or lines for people with a live progress bar on a terminal ({@link HumanReport}).
 * For each transfer the calls come in order: {@code started}, {@code progress} at most once per
 * {@link #progressInterval()}, then one of {@code result}, {@code paused} or {@code error}. Calls
 * are serialised by the caller.
 */
interface TransferReport {
  /** JSON events on stdout, or lines for people (a live bar when there is a terminal). */
  static TransferReport of(boolean json, Optional<Terminal> terminal) {
    return json ? new JsonReport(System.out, System.err)
        : new HumanReport(System.out, System.err, terminal.isPresent());
  }

  /** The shortest time between two progress calls for one transfer. */
  Duration progressInterval();

  void started(Sending sending);

  void progress(Sending sending, Progress progress);

  void result(Sending sending, TransferResult result, Progress progress);

  /**
   * The node closed (Ctrl-C) while the transfer ran; its state is kept.
   *
   * @param resumeCommand the command line that continues it
   */
  void paused(Sending sending, Progress progress, String resumeCommand);

  /**
   * @param sending the transfer that failed, or null when the failure came before any started
   *     (the peer was unreachable or not trusted, a resume was refused at once)
   * @param progress how far it got; null with {@code sending}
   */
  void error(Sending sending, Progress progress, CliException error);
}
