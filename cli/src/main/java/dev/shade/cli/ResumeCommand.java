package dev.shade.cli;

import dev.shade.streams.ShadeFormatException;
import dev.shade.streams.StreamId;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shade resume}: continues an interrupted send. Resume (persisted stream state on both
 * sides) is not in this build yet, so after checking its arguments the command says so and exits
 * with {@link ExitStatus#UNAVAILABLE}; it does not pretend.
 */
@Command(name = "resume", description = "Continue an interrupted send (not available in this"
    + " build yet: exits 69).")
final class ResumeCommand implements Callable<Integer> {
  @Mixin
  private HomeOption homeOption;
  @Mixin
  private Verbosity verbosity;
  @Option(names = "--json", description = "Newline-delimited JSON events on stdout.")
  private boolean json;
  @Parameters(index = "0", paramLabel = "STREAM_ID", description = "As printed when the send"
      + " was interrupted.")
  private String streamId;
  @Parameters(index = "1", paramLabel = "FILE", description = "The same, unchanged file.")
  private Path file;

  @Override
  public Integer call() {
    CliException answer;
    try {
      StreamId.parse(streamId);
      answer = new CliException(ExitStatus.UNAVAILABLE, "resume is not available in this build"
          + " yet: send " + Display.printable(file.toString()) + " again with shade send");
    } catch (ShadeFormatException e) {
      answer = new CliException(ExitStatus.USAGE, "not a stream id: '"
          + Display.printable(streamId) + "' (22 base64url characters)");
    }
    if (json) {
      new JsonReport(System.out).error(null, answer);
      return answer.status().number();
    }
    throw answer;
  }
}
