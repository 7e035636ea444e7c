package dev.shade.cli;

import dev.shade.streams.ControlLimits;
import dev.shade.streams.FileMetadataRules;
import dev.shade.transfer.Peer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code shade send}: meets the peer at {@code --to} (trust on first use, see {@link
 * PeerIntroduction}), then sends the files one after the other and stops at the first failure.
 * Ctrl-C pauses the running file ({@link PauseOnInterrupt}).
 */
@Command(name = "send", description = "Send files to the node at URL; each appears there only"
    + " after it was verified. Ctrl-C pauses and prints the shade resume command that"
    + " continues.")
final class SendCommand implements Callable<Integer> {
  /**
   * Below this the crypto warm-up (about a second of CPU on a worker) costs more than it saves:
   * it competes with the transfer for the CPU, and a short transfer ends before deoptimisation
   * would hurt.
   */
  static final long WARM_UP_FROM_BYTES = 64L << 20;

  @Mixin
  private HomeOption homeOption;
  @Mixin
  private Verbosity verbosity;
  @Option(names = "--to", required = true, paramLabel = "URL", converter = BaseUrls.class,
      description = "The receiving node, e.g. http://127.0.0.1:8080 (/v1/transfer is added).")
  private URI to;
  @Mixin
  private LanesOption lanesOption;
  @Option(names = "--chunk-size", paramLabel = "BYTES", defaultValue = "1048576",
      description = "Chunk size in bytes, 1024..16777216 (default: ${DEFAULT-VALUE}).")
  private int chunkSizeBytes;
  @Mixin
  private ChunkOptions chunkOptions;
  @Option(names = "--trust-new", description = "Trust a peer met for the first time without"
      + " asking; its safety number is still shown. A changed identity is refused regardless.")
  private boolean trustNew;
  @Option(names = "--json", description = "Newline-delimited JSON events on stdout.")
  private boolean json;
  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to send.")
  private List<Path> files;

  @Override
  public Integer call() {
    Optional<Terminal> terminal = Terminal.attached();
    TransferTracker tracker = new TransferTracker(TransferReport.of(json, terminal));
    Home home = homeOption.home();
    try {
      checkOptions();
      boolean warmUp = totalBytes() >= WARM_UP_FROM_BYTES;
      try (LocalNode node = LocalNode.open(home, null, chunkOptions::factories,
          engine -> engine.listener(tracker).warmUpCrypto(warmUp), System.err);
          PauseOnInterrupt pause = PauseOnInterrupt.install(node, tracker)) {
        Peer peer = new PeerIntroduction(node, System.err).introduce(to, trustNew, terminal);
        return sendAll(new FileSender(node.shade(), home, tracker), peer);
      }
    } catch (RuntimeException e) {
      return tracker.failBeforeStart(e).status().number();
    }
  }

  private int sendAll(FileSender sender, Peer peer) {
    for (int i = 0; i < files.size(); i++) {
      try {
        sender.send(files.get(i), peer, lanesOption.lanes(), chunkSizeBytes);
      } catch (CliException reported) {
        List<Path> rest = files.subList(i + 1, files.size());
        if (!rest.isEmpty()) {
          System.err.println("not sent: " + rest.stream().map(Path::toString)
              .map(Display::printable).collect(Collectors.joining(", ")));
        }
        return reported.status().number();
      }
    }
    return ExitStatus.OK.number();
  }

  private long totalBytes() {
    long total = 0;
    for (Path file : files) {
      total += file.toFile().length();
    }
    return total;
  }

  private void checkOptions() {
    lanesOption.lanes();
    chunkOptions.check();
    if (chunkSizeBytes < ControlLimits.MIN_CHUNK_SIZE_BYTES
        || chunkSizeBytes > ControlLimits.MAX_CHUNK_SIZE_BYTES) {
      throw usage("--chunk-size must be 1024..16777216 bytes, was " + chunkSizeBytes);
    }
    files.forEach(SendCommand::checkFile);
  }

  private static void checkFile(Path file) {
    checkReadable(file);
    FileMetadataRules.filenameViolation(file.getFileName().toString()).ifPresent(v -> {
      throw usage("cannot send " + Display.printable(file.toString()) + " under its name ("
          + v.problem() + "): rename it first");
    });
  }

  /** @throws CliException a usage error when {@code file} is not a readable regular file */
  static void checkReadable(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw usage("not a readable file: " + Display.printable(file.toString()));
    }
  }

  private static CliException usage(String message) {
    return new CliException(ExitStatus.USAGE, message);
  }
}
