package dev.shade.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: only its subcommands do anything. */
@Command(name = "shade", mixinStandardHelpOptions = true, versionProvider = ShadeCli.Version.class,
    description = "End-to-end-encrypted, multi-lane file transfer.",
    subcommands = {InitCommand.class, ServeCommand.class, SendCommand.class, ResumeCommand.class,
        PeersCommand.class, PruneCommand.class, DemoCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:success", "1:other failure", "2:usage error", "3:declined by the receiver",
        "4:integrity failure",
        "5:network error, peer unreachable, or it refuses --transport ws",
        "6:untrusted identity",
        "7:resume refused (no state, other identity, file changed, receiver lost the stream)",
        "130:interrupted (Ctrl-C; a send or resume pauses and prints how to resume)"})
final class ShadeCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}
