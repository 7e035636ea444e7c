package dev.shade.cli;

import dev.shade.transfer.TransferResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Lines for people on stdout, errors on stderr. On a terminal each transfer shows a live progress
 * bar (bytes, MB/s, ETA, lanes) redrawn in place; elsewhere (a log, a pipe) a progress line every
 * few seconds.
 */
final class HumanReport implements TransferReport {
  /** The bar line fits an 80-column terminal, so that it can be redrawn in place. */
  private static final int BAR_CELLS = 12;
  private static final int NAME_CHARS = 14;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean live;
  private int drawnChars;

  HumanReport(PrintStream out, PrintStream err, boolean live) {
    this.out = out;
    this.err = err;
    this.live = live;
  }

  @Override
  public Duration progressInterval() {
    return live ? Duration.ofMillis(100) : Duration.ofSeconds(5);
  }

  @Override
  public void started(Sending s) {
    if (live) {
      progress(s, new Progress(s.startBytes(), 0, 0));
    } else if (s.start() == Sending.Start.RESUMED) {
      out.println("resuming " + s.displayName() + " (" + Display.bytes(s.totalBytes()) + ", "
          + percent(s.startBytes(), s.totalBytes()) + "% acknowledged) to " + s.to() + " over "
          + s.lanes() + " lanes, stream " + s.streamId().toBase64Url());
    } else {
      out.println("sending " + s.displayName() + " (" + Display.bytes(s.totalBytes()) + ") to "
          + s.to() + " over " + s.lanes() + " lanes, stream " + s.streamId().toBase64Url());
    }
  }

  @Override
  public void progress(Sending s, Progress p) {
    long now = System.nanoTime();
    long acked = p.ackedBytes();
    double rate = s.bytesPerSecond(acked, now);
    String figures = String.format(Locale.ROOT, "%3d%%  %s  %s", percent(acked, s.totalBytes()),
        Display.fraction(acked, s.totalBytes()), Display.rate(rate));
    if (!live) {
      out.println("  " + s.displayName() + "  " + figures);
      return;
    }
    long etaSeconds = rate <= 0 ? 0 : (long) ((s.totalBytes() - acked) / rate);
    draw(String.format(Locale.ROOT, "%-" + NAME_CHARS + "s %s %s  ETA %s  %d lanes",
        shorten(s.displayName()), bar(percent(acked, s.totalBytes())), figures,
        Display.clock(etaSeconds), s.lanes()));
  }

  @Override
  public void result(Sending s, TransferResult result, Progress p) {
    clear();
    long moved = result.bytes() - s.startBytes();
    out.println("sent " + s.displayName() + ": " + result.bytes() + " bytes"
        + (s.start() == Sending.Start.RESUMED ? " (" + moved + " in this run)" : "") + " in "
        + Display.seconds(result.durationMs()) + " (" + Display.rate(moved, result.durationMs())
        + ") to " + s.to() + ", verified, sha256 " + result.sha256());
  }

  @Override
  public void paused(Sending s, Progress p, String resumeCommand) {
    clear();
    err.println(pausedLines(s, p, resumeCommand));
  }

  /** What a pause tells people, also under {@code --json} (on stderr). */
  static String pausedLines(Sending s, Progress p, String resumeCommand) {
    return "paused " + s.displayName() + " at " + percent(p.ackedBytes(), s.totalBytes())
        + "% (stream " + s.streamId().toBase64Url() + "); continue with:\n  " + resumeCommand;
  }

  @Override
  public void error(Sending s, Progress p, CliException error) {
    clear();
    String what = s == null ? "" : " (" + s.displayName() + ", stream " + s.streamId().toBase64Url()
        + ")";
    err.println("error" + what + ": " + error.getMessage());
  }

  private void draw(String line) {
    StringBuilder text = new StringBuilder("\r").append(line);
    for (int i = line.length(); i < drawnChars; i++) {
      text.append(' ');
    }
    drawnChars = line.length();
    out.print(text);
    out.flush();
  }

  private void clear() {
    if (drawnChars > 0) {
      out.print("\r" + " ".repeat(drawnChars) + "\r");
      out.flush();
      drawnChars = 0;
    }
  }

  private static int percent(long part, long whole) {
    return whole == 0 ? 100 : (int) (part * 100 / whole);
  }

  private static String bar(int percent) {
    int filled = percent * BAR_CELLS / 100;
    return "[" + "#".repeat(filled) + "-".repeat(BAR_CELLS - filled) + "]";
  }

  private static String shorten(String name) {
    return name.length() <= NAME_CHARS ? name : name.substring(0, NAME_CHARS - 1) + "~";
  }
}
