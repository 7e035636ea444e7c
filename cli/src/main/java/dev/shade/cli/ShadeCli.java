package dev.shade.cli;

import picocli.CommandLine;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParseResult;

/**
 * The {@code shade} command line: {@code init}, {@code serve}, {@code send}, {@code resume},
 * {@code peers}, {@code prune} and {@code demo}. Exits with the numbers of {@link ExitStatus}: 0
 * success, 2 usage, 3 declined, 4 integrity, 5 unreachable, 6 untrusted identity, 7 resume
 * refused, 130 interrupted.
 *
 * <pre>
 * java -jar cli/target/shade.jar demo --size 16777216
 * java -jar cli/target/shade.jar serve --port 8080 --inbox ~/inbox
 * java -jar cli/target/shade.jar send --to http://127.0.0.1:8080 --json report.pdf
 * </pre>
 */
public final class ShadeCli {
  private ShadeCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    return new CommandLine(new ShadeCommand()).setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(ShadeCli::failed).execute(args);
  }

  private static int failed(Exception error, CommandLine command, ParseResult parsed) {
    CliException e = Failures.explain(error);
    command.getErr().println("error: " + e.getMessage());
    if (Verbosity.enabled()) {
      error.printStackTrace(command.getErr());
    }
    return e.status().number();
  }

  /** The version in the jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ShadeCli.class.getPackage().getImplementationVersion();
      return new String[] {"shade " + (version == null ? "(development build)" : version)};
    }
  }
}
