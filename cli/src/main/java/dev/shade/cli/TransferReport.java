package dev.shade.cli;

import dev.shade.transfer.TransferResult;
import java.time.Duration;

/**
 * How {@code send} shows its transfers: newline-delimited JSON events ({@link JsonReport}) or lines
 * for people with a live progress bar on a terminal ({@link HumanReport}). For each transfer the
 * calls come in order: {@code started}, {@code progress} at most once per {@link
 * #progressInterval()}, then {@code result} or {@code error}. Calls are serialised by the caller.
 */
interface TransferReport {
  /** The shortest time between two progress calls for one transfer. */
  Duration progressInterval();

  void started(Sending sending);

  void progress(Sending sending, long sentBytes);

  void result(Sending sending, TransferResult result);

  /**
   * @param sending the transfer that failed, or null when the failure came before any started
   *     (the peer was unreachable or not trusted)
   */
  void error(Sending sending, CliException error);
}
