package dev.shade.cli;

import dev.shade.streams.ControlLimits;
import picocli.CommandLine.Option;

/** {@code --lanes N}, shared by {@code send} and {@code demo}. */
final class LanesOption {
  @Option(names = "--lanes", paramLabel = "N", defaultValue = "4",
      description = "Parallel lanes, 1..64 (default: ${DEFAULT-VALUE}).")
  private int lanes;

  /**
   * @throws CliException USAGE when outside 1..64
   */
  int lanes() {
    if (lanes < ControlLimits.MIN_LANES || lanes > ControlLimits.MAX_LANES) {
      throw new CliException(ExitStatus.USAGE, "--lanes must be 1..64, was " + lanes);
    }
    return lanes;
  }
}
