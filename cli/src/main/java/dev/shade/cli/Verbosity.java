package dev.shade.cli;

import picocli.CommandLine.Option;

/**
 * {@code -v}: informational log lines on stderr and stack traces with errors; {@code -vv}: debug.
 * Without it only warnings are logged. The level is set while the command line is parsed, before
 * any logger exists (slf4j-simple reads it once).
 */
final class Verbosity {
  static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
  private static volatile boolean verbose;

  @Option(names = "-v", description = "More log output on stderr (-vv: debug).")
  void verbose(boolean[] flags) {
    verbose = flags.length > 0;
    System.setProperty(LEVEL_PROPERTY, flags.length > 1 ? "debug" : "info");
  }

  static boolean enabled() {
    return verbose;
  }
}
