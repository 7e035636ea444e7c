package dev.shade.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --home DIR} option every command that touches a node shares. */
final class HomeOption {
  @Option(names = "--home", paramLabel = "DIR",
      description = "Node state folder (default: $SHADE_HOME, else ~/.shade).")
  private Path home;

  Home home() {
    return Home.resolve(home, System.getenv());
  }

  /**
   * This option's home when given, else {@code outer}'s, so that both {@code peers --home D list}
   * and {@code peers list --home D} work.
   */
  Home home(HomeOption outer) {
    return home != null ? home() : outer.home();
  }
}
