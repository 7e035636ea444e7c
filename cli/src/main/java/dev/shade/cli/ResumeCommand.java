package dev.shade.cli;

import dev.shade.streams.ShadeFormatException;
import dev.shade.streams.StreamId;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code shade resume}: continues a send that Ctrl-C, a crash or a reboot interrupted, from what
 * the receiver holds, once the file proved unchanged; or, with {@code --list}, shows what can be
 * resumed ({@link ResumableList}). Reports and exits as {@code send} does; a refusal exits {@link
 * ExitStatus#RESUME_REFUSED} and sends nothing.
 */
@Command(name = "resume", description = {"Continue an interrupted send (Ctrl-C, crash, reboot)"
    + " where the receiver stands, after checking that FILE is unchanged; Ctrl-C pauses again.",
    "Exits as send does; 7 when it cannot resume (no state for the stream here, its state was"
    + " sealed under another identity, FILE changed, or the receiver no longer has the stream)."})
final class ResumeCommand implements Callable<Integer> {
  @Spec
  private CommandSpec spec;
  @Mixin
  private HomeOption homeOption;
  @Mixin
  private Verbosity verbosity;
  @Mixin
  private ChunkOptions chunkOptions;
  @Option(names = "--json", description = "Newline-delimited JSON events on stdout.")
  private boolean json;
  @Option(names = "--list", description = "List the interrupted sends of this home: stream id,"
      + " peer, progress and file, with the command that resumes each.")
  private boolean list;
  @Parameters(index = "0", arity = "0..1", paramLabel = "STREAM_ID",
      description = "As printed when the send was interrupted.")
  private String streamId;
  @Parameters(index = "1", arity = "0..1", paramLabel = "FILE",
      description = "The same, unchanged file.")
  private Path file;

  @Override
  public Integer call() {
    Home home = homeOption.home();
    if (list) {
      if (streamId != null) {
        throw new ParameterException(spec.commandLine(), "--list takes no STREAM_ID or FILE");
      }
      return new ResumableList(home, System.out, json).print();
    }
    if (file == null) {
      throw new ParameterException(spec.commandLine(), "STREAM_ID and FILE are required");
    }
    TransferTracker tracker = new TransferTracker(TransferReport.of(json, Optional.empty()));
    try {
      StreamId id = parse(streamId);
      SendCommand.checkReadable(file);
      chunkOptions.check();
      if (!home.exists()) {
        throw FileSender.noState(home, id);
      }
      try (LocalNode node = LocalNode.open(home, null, chunkOptions::factories,
          engine -> engine.listener(tracker).warmUpCrypto(
              file.toFile().length() >= SendCommand.WARM_UP_FROM_BYTES), System.err);
          PauseOnInterrupt pause = PauseOnInterrupt.install(node, tracker)) {
        return resume(new FileSender(node.shade(), home, tracker), id);
      }
    } catch (RuntimeException e) {
      return tracker.failBeforeStart(e).status().number();
    }
  }

  private int resume(FileSender sender, StreamId id) {
    try {
      sender.resume(id, file);
      return ExitStatus.OK.number();
    } catch (CliException reported) {
      return reported.status().number();
    }
  }

  private static StreamId parse(String streamId) {
    try {
      return StreamId.parse(streamId);
    } catch (ShadeFormatException e) {
      throw new CliException(ExitStatus.USAGE, "not a stream id: '"
          + Display.printable(streamId) + "' (22 base64url characters)", e);
    }
  }
}
