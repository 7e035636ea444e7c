package dev.shade.cli;

import java.util.Locale;

/**
 * How a {@code shade} command ended. Scripts rely on the numbers; {@link #code()} names the status
 * in JSON {@code error} events.
 */
enum ExitStatus {
  OK(0),
  /** Anything not covered below: a peer aborted, a store could not be written, a bug. */
  FAILED(1),
  /** Bad command line or bad input (a missing file, an invalid option value). */
  USAGE(2),
  DECLINED(3),
  /** The receiver refused the stream because a hash or a chunk did not verify. */
  INTEGRITY(4),
  /**
   * Network error, or the URL does not answer as a Shade node, or the node refuses the only
   * transport asked for ({@code send --transport ws} to a node without the WebSocket route).
   */
  UNREACHABLE(5),
  /** An unknown peer not confirmed, or a known address or URL presenting another identity key. */
  UNTRUSTED(6),
  /**
   * {@code shade resume} cannot continue the stream, and sent nothing: no state for it here
   * (finished, pruned, never sent from this home), its state was sealed under another identity,
   * the file is not the one that was sent, or the receiver no longer has the stream.
   */
  RESUME_REFUSED(7),
  /** Ctrl-C (SIGINT): 128 + 2, as shells report it. */
  INTERRUPTED(130);

  private final int number;

  ExitStatus(int number) {
    this.number = number;
  }

  int number() {
    return number;
  }

  String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
