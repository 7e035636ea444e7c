package dev.shade.cli;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shade prune}: deletes stream states not updated for {@code DAYS}. This build persists no
 * stream state (it arrives with resume), so there is never anything to delete yet; the command
 * checks its arguments and says so.
 */
@Command(name = "prune", description = "Delete stream states older than DAYS (default:"
    + " $SHADE_STREAM_RETENTION_DAYS, else 14).")
final class PruneCommand implements Callable<Integer> {
  static final String RETENTION_ENV = "SHADE_STREAM_RETENTION_DAYS";
  private static final int DEFAULT_RETENTION_DAYS = 14;

  @Mixin
  private HomeOption homeOption;
  @Mixin
  private Verbosity verbosity;
  @Option(names = "--older-than", paramLabel = "DAYS",
      description = "Retention horizon in days.")
  private Integer olderThanDays;

  @Override
  public Integer call() {
    int days = olderThanDays != null ? olderThanDays : fromEnvironment(System.getenv());
    if (days < 0) {
      throw new CliException(ExitStatus.USAGE, "--older-than must not be negative: " + days);
    }
    System.out.println("nothing to prune in " + homeOption.home().dir() + " (horizon " + days
        + " days): this build keeps no stream state yet; it arrives with resume");
    return ExitStatus.OK.number();
  }

  private static int fromEnvironment(Map<String, String> env) {
    String value = env.get(RETENTION_ENV);
    if (value == null || value.isBlank()) {
      return DEFAULT_RETENTION_DAYS;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new CliException(ExitStatus.USAGE, RETENTION_ENV + " must be a number of days: '"
          + Display.printable(value) + "'");
    }
  }
}
