package dev.shade.cli;

import dev.shade.transfer.control.ControlPlane;
import dev.shade.transfer.spi.ProtocolStateStore;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code shade init}: creates the node's identity, or shows the one the home holds. */
@Command(name = "init", description = {"Create this node's identity (SQLite at DIR/shade.db) and"
    + " print its address and fingerprint, its half of every safety number."})
final class InitCommand implements Callable<Integer> {
  @Mixin
  private HomeOption homeOption;
  @Mixin
  private Verbosity verbosity;
  @Option(names = "--name", paramLabel = "NAME",
      description = "Node name (default: from the login name); the address is NAME.1.")
  private String name;

  @Override
  public Integer call() {
    Home home = homeOption.home();
    PrintStream out = System.out;
    try (ProtocolStateStore store = home.openStore()) {
      NodeName node = NodeName.of(store, name);
      ControlPlane plane = ControlPlane.builder(store, node.address()).open();
      out.println((node.isNew() ? "created node " : "node ") + node.address());
      out.println("  home         " + home.dir() + " (identity, prekeys, peers, sessions in "
          + home.database().getFileName() + ")");
      out.println("  fingerprint  " + Fingerprint.of(plane));
      out.println("  (the fingerprint is this node's half of every safety number: a peer sees it"
          + " as the first or last 6 groups)");
    }
    return ExitStatus.OK.number();
  }
}
