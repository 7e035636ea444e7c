package dev.shade.cli;

import dev.shade.resume.SqliteStores;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ResumeStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a node keeps its state: {@code --home DIR}, else {@code $SHADE_HOME}, else {@code
 * ~/.shade}. Everything lives in one SQLite file, {@code DIR/shade.db}: the identity, prekeys,
 * sessions and pinned peers of the protocol state, the states of interrupted streams ({@code shade
 * resume}, {@code shade prune}), and the {@link PeerBook}.
 *
 * @param explicit whether the folder was chosen by option or environment rather than defaulted,
 *     so that commands this tool suggests name it
 */
record Home(Path dir, boolean explicit) {
  static final String ENV = "SHADE_HOME";
  private static final String DATABASE = "shade.db";

  static Home resolve(Path option, Map<String, String> env) {
    if (option != null) {
      return new Home(option, true);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new Home(Path.of(fromEnv), true);
    }
    return new Home(Path.of(System.getProperty("user.home"), ".shade"), false);
  }

  Path database() {
    return dir.resolve(DATABASE);
  }

  boolean exists() {
    return Files.isRegularFile(database());
  }

  /** Opens (creating the folder and file if needed) the protocol state. */
  ProtocolStateStore openStore() {
    createDir();
    return SqliteStores.openProtocolState(database());
  }

  /** Opens (creating the folder and file if needed) the states of streams in progress. */
  ResumeStore openResumeStore() {
    createDir();
    return SqliteStores.openResumeState(database());
  }

  private void createDir() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the home folder " + dir, e);
    }
  }

  /** {@code "--home DIR "} when the folder was chosen, for commands this tool suggests. */
  String option() {
    return explicit ? "--home " + Shell.quote(dir.toString()) + " " : "";
  }
}
