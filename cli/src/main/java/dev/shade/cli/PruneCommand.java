package dev.shade.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shade prune}: deletes the stream states of a home not updated for {@code DAYS}, in both
 * directions, with the partial files of received streams ({@code Shade.pruneStreamStates}). An
 * upload pruned here can no longer be resumed; a received stream pruned here is gone, and its
 * sender is told so when it resumes. A running {@code serve} does the same daily by itself.
 */
@Command(name = "prune", description = {"Delete stream states (interrupted sends, partly"
    + " received files) not updated for DAYS; they can no longer be resumed.",
    "Run it while no serve uses the home: a running node prunes by itself, daily and at start."})
final class PruneCommand implements Callable<Integer> {
  static final String RETENTION_ENV = "SHADE_STREAM_RETENTION_DAYS";
  private static final int DEFAULT_RETENTION_DAYS = 14;
  /** The engine's upper bound for a retention horizon, about a century. */
  private static final int MAX_DAYS = 36_500;

  @Mixin
  private HomeOption homeOption;
  @Mixin
  private Verbosity verbosity;
  @Option(names = "--older-than", paramLabel = "DAYS", description = "Retention horizon in"
      + " days, 0 for every state (default: $" + RETENTION_ENV + ", else 14).")
  private Integer olderThanDays;

  @Override
  public Integer call() {
    int days = olderThanDays != null ? olderThanDays : fromEnvironment(System.getenv());
    if (days < 0 || days > MAX_DAYS) {
      throw new CliException(ExitStatus.USAGE, "--older-than must be 0.." + MAX_DAYS + " days: "
          + days);
    }
    Home home = homeOption.home();
    if (!home.exists()) {
      System.out.println("nothing to prune: no node in " + home.dir());
      return ExitStatus.OK.number();
    }
    // The node's own start-up prune must not go beyond the horizon asked for: give it the longest.
    try (LocalNode node = LocalNode.open(home, null, ChunkTransports.AUTO::factories,
        engine -> engine.retention(Duration.ofDays(MAX_DAYS)), System.err)) {
      int pruned = node.shade().pruneStreamStates(
          Clock.systemUTC().instant().minus(Duration.ofDays(days)));
      System.out.println("pruned " + pruned + (pruned == 1 ? " stream state" : " stream states")
          + " not updated for " + days + (days == 1 ? " day" : " days") + " in "
          + home.database());
    }
    return ExitStatus.OK.number();
  }

  /** The engine's rule: a positive whole number of days, at most {@link #MAX_DAYS}. */
  private static int fromEnvironment(Map<String, String> env) {
    String value = env.get(RETENTION_ENV);
    if (value == null || value.isBlank()) {
      return DEFAULT_RETENTION_DAYS;
    }
    try {
      int days = Integer.parseInt(value.strip());
      if (days >= 1 && days <= MAX_DAYS) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new CliException(ExitStatus.USAGE, RETENTION_ENV + " must be 1.." + MAX_DAYS
        + " days: '" + Display.printable(value) + "'");
  }
}
