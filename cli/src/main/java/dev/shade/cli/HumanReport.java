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
      progress(s, 0);
    } else {
      out.println("sending " + s.displayName() + " (" + Display.bytes(s.totalBytes()) + ") to "
          + s.to() + " over " + s.lanes() + " lanes, stream " + s.streamId().toBase64Url());
    }
  }

  @Override
  public void progress(Sending s, long sentBytes) {
    long now = System.nanoTime();
    double rate = s.bytesPerSecond(sentBytes, now);
    int percent = s.totalBytes() == 0 ? 100 : (int) (sentBytes * 100 / s.totalBytes());
    String figures = String.format(Locale.ROOT, "%3d%%  %s  %s", percent,
        Display.fraction(sentBytes, s.totalBytes()), Display.rate(rate));
    if (!live) {
      out.println("  " + s.displayName() + "  " + figures);
      return;
    }
    long etaSeconds = rate <= 0 ? 0 : (long) ((s.totalBytes() - sentBytes) / rate);
    draw(String.format(Locale.ROOT, "%-" + NAME_CHARS + "s %s %s  ETA %s  %d lanes",
        shorten(s.displayName()), bar(percent), figures, Display.clock(etaSeconds), s.lanes()));
  }

  @Override
  public void result(Sending s, TransferResult result) {
    clear();
    out.println("sent " + s.displayName() + ": " + result.bytes() + " bytes in "
        + Display.seconds(result.durationMs()) + " ("
        + Display.rate(result.bytes(), result.durationMs()) + ") to " + s.to()
        + ", verified, sha256 " + result.sha256());
  }

  @Override
  public void error(Sending s, CliException error) {
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

  private static String bar(int percent) {
    int filled = percent * BAR_CELLS / 100;
    return "[" + "#".repeat(filled) + "-".repeat(BAR_CELLS - filled) + "]";
  }

  private static String shorten(String name) {
    return name.length() <= NAME_CHARS ? name : name.substring(0, NAME_CHARS - 1) + "~";
  }
}
