package dev.shade.bench.harness;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * One measured copy of a file, by Shade, scp or cp: its throughput and each side's CPU and peak
 * RSS (the receiver's absent for cp, which is one process). These are the columns of the
 * throughput, memory and link tables.
 */
record CopyOutcome(double mbPerSec, double wallMbPerSec, Usage sender, Optional<Usage> receiver) {
  static final String MB_PER_SEC = "MB/s";
  static final String WALL_MB_PER_SEC = "wall MB/s";
  static final String SENDER_CPU = "sender CPU s";
  static final String RECEIVER_CPU = "receiver CPU s";
  static final String SENDER_RSS = "sender peak RSS MiB";
  static final String RECEIVER_RSS = "receiver peak RSS MiB";

  void record(Results results, String section, String row) {
    results.add(section, row, MB_PER_SEC, mbPerSec);
    results.add(section, row, WALL_MB_PER_SEC, wallMbPerSec);
    results.add(section, row, SENDER_CPU, sender.cpuSeconds());
    receiver.ifPresent(r -> results.add(section, row, RECEIVER_CPU, r.cpuSeconds()));
    results.add(section, row, SENDER_RSS, sender.peakRssMib());
    receiver.ifPresent(r -> results.add(section, row, RECEIVER_RSS, r.peakRssMib()));
  }

  String summary() {
    return String.format(Locale.ROOT, "%.1f MB/s (wall %.1f), CPU %.1f + %s s, peak RSS %.0f + %s MiB",
        mbPerSec, wallMbPerSec, sender.cpuSeconds(),
        receiver.map(r -> String.format(Locale.ROOT, "%.1f", r.cpuSeconds())).orElse("-"),
        sender.peakRssMib(),
        receiver.map(r -> String.format(Locale.ROOT, "%.0f", r.peakRssMib())).orElse("-"));
  }

  /**
   * A node's cost: from {@code /usr/bin/time -v} when it ran under it, else from the figures the
   * node printed in its last line ({@code cpuSeconds}, {@code peakRssBytes}).
   */
  static Usage usageOf(Child node, JsonObject lastLine) throws IOException {
    Optional<Usage> measured = node.usage();
    if (measured.isPresent()) {
      return measured.get();
    }
    return new Usage(lastLine.getDouble("cpuSeconds", -1.0),
        lastLine.getLong("peakRssBytes", -1L) / (1024.0 * 1024.0));
  }
}
