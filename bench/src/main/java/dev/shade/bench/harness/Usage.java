package dev.shade.bench.harness;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a process cost, as {@code /usr/bin/time -v} reports it: user + system CPU seconds (its
 * waited-for children included) and its peak resident set.
 */
record Usage(double cpuSeconds, double peakRssMib) {
  private static final Pattern USER = Pattern.compile("User time \\(seconds\\): ([0-9.]+)");
  private static final Pattern SYSTEM = Pattern.compile("System time \\(seconds\\): ([0-9.]+)");
  private static final Pattern RSS = Pattern.compile("Maximum resident set size \\(kbytes\\): ([0-9]+)");

  /** Parses the report {@code time -v -o FILE} wrote; fails when a figure is missing. */
  static Usage parseTimeReport(String report) {
    return new Usage(number(USER, report) + number(SYSTEM, report), number(RSS, report) / 1024);
  }

  private static double number(Pattern pattern, String report) {
    Matcher m = pattern.matcher(report);
    if (!m.find()) {
      throw new IllegalArgumentException("no '" + pattern.pattern() + "' in the time report:\n"
          + report);
    }
    return Double.parseDouble(m.group(1));
  }
}
