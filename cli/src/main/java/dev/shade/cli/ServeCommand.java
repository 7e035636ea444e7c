package dev.shade.cli;

import dev.shade.transfer.ReceiverSettings;
import dev.shade.transport.http.ControlServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shade serve}: a receiving node until it is stopped (Ctrl-C), taking chunks over HTTP and
 * over WebSockets on the same port. Streams it was receiving when it stopped or crashed continue
 * after a restart on the same home: their senders carry on by themselves.
 */
@Command(name = "serve", description = "Run a receiving node; accepted files land in the inbox"
    + " under their sanitised names, only after verification.")
final class ServeCommand implements Callable<Integer> {
  private static final int MAX_PORT = 65_535;

  @Mixin
  private HomeOption homeOption;
  @Mixin
  private Verbosity verbosity;
  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Interface to listen on (default: ${DEFAULT-VALUE}).")
  private String host;
  @Option(names = "--port", required = true, paramLabel = "N",
      description = "TCP port; 0 picks a free one (the URL is printed).")
  private int port;
  @Option(names = "--inbox", required = true, paramLabel = "DIR",
      description = "Where received files land (created if missing).")
  private Path inbox;
  @Option(names = "--accept", paramLabel = "all|verified|ask", defaultValue = "all",
      description = "Accept every offer, only offers from verified senders, or ask on the"
          + " terminal (default: ${DEFAULT-VALUE}).")
  private IncomingFiles.Policy accept;
  @Option(names = "--max-bytes", paramLabel = "N",
      description = "Decline streams larger than N bytes (default: no limit).")
  private Long maxBytes;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > MAX_PORT) {
      throw new CliException(ExitStatus.USAGE, "--port must be 0..65535, was " + port);
    }
    if (maxBytes != null && maxBytes < 0) {
      throw new CliException(ExitStatus.USAGE, "--max-bytes must not be negative");
    }
    Optional<Terminal> terminal = Terminal.attached();
    if (accept == IncomingFiles.Policy.ASK && terminal.isEmpty()) {
      throw new CliException(ExitStatus.USAGE, "--accept ask needs a terminal to ask on");
    }
    createInbox();
    PrintStream out = System.out;
    ReceiverSettings settings = maxBytes == null ? ReceiverSettings.DEFAULT
        : ReceiverSettings.DEFAULT.withMaxStreamBytes(maxBytes);
    LocalNode node = LocalNode.open(homeOption.home(), null, ChunkTransports.AUTO::factories,
        engine -> engine.receiverSettings(settings).listener(new ContinuedStreams(out))
            .warmUpCrypto(true), System.err);
    ControlServer server;
    try {
      node.shade().onIncomingTransfer(new IncomingFiles(accept, inbox,
          node.shade().controlPlane().trust(), terminal, out));
      server = node.serve(host, port);
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LocalNode.await(server.close());
      node.close();
    }, "shade-stop"));
    out.println(node.shade().address() + " listening on " + server.baseUri());
    out.println("  fingerprint  " + Fingerprint.of(node.shade().controlPlane()));
    out.println("  inbox        " + inbox.toAbsolutePath());
    out.println("  accepting    " + accept.description() + (maxBytes == null ? ""
        : ", at most " + maxBytes + " bytes per stream") + "; Ctrl-C stops");
    new CountDownLatch(1).await();
    return ExitStatus.OK.number();
  }

  private void createInbox() {
    try {
      Files.createDirectories(inbox);
    } catch (IOException e) {
      throw new CliException(ExitStatus.USAGE, "cannot create the inbox " + inbox + ": " + e);
    }
  }
}
