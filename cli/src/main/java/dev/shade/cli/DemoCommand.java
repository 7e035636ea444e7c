package dev.shade.cli;

import dev.shade.streams.ControlLimits;
import dev.shade.transfer.Output;
import dev.shade.transfer.Peer;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import dev.shade.transfer.control.ControlPlane;
import dev.shade.transport.http.ControlServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.signal.libsignal.protocol.IdentityKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code shade demo}: two nodes in this process with temporary homes (SQLite stores), the receiver
 * on a free loopback port; a generated file goes from one to the other over HTTP with the progress
 * bar, and the demo prints both safety numbers, the SHA-256 of the source and of the received file
 * as read back from disk, the throughput and the peak memory. Everything is deleted afterwards.
 */
@Command(name = "demo", description = "Two nodes in one process with temporary homes: a generated"
    + " file sent end to end over HTTP on loopback, verified, then cleaned up.")
final class DemoCommand implements Callable<Integer> {
  @Mixin
  private Verbosity verbosity;
  @Option(names = "--size", paramLabel = "BYTES", defaultValue = "268435456",
      description = "Size of the generated file (default: ${DEFAULT-VALUE}, 256 MiB).")
  private long sizeBytes;
  @Mixin
  private LanesOption lanesOption;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (sizeBytes < 0 || sizeBytes > ControlLimits.MAX_JSON_SAFE_INTEGER) {
      throw new CliException(ExitStatus.USAGE, "--size must be 0..2^53-1 bytes, was " + sizeBytes);
    }
    lanesOption.lanes();
    Path dir = Files.createTempDirectory("shade-demo-");
    Thread onInterrupt = new Thread(() -> deleteTree(dir), "shade-demo-cleanup");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      return run(dir);
    } finally {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
      deleteTree(dir);
      out.println("cleaned up " + dir);
    }
  }

  private int run(Path dir) throws Exception {
    out.println("Shade demo: two nodes in this process, temporary homes in " + dir);
    Path source = dir.resolve("demo.bin");
    CompletableFuture<String> sourceSha = generate(source); // meanwhile the nodes start
    TransferTracker tracker = new TransferTracker(
        new HumanReport(out, System.err, Terminal.attached().isPresent()));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    // One warm-up serves both nodes: they share this JVM's JIT.
    try (LocalNode bob = LocalNode.open(new Home(dir.resolve("bob"), true), "bob",
            ChunkTransports.HTTP::factories, engine -> { }, quiet);
        LocalNode alice = LocalNode.open(new Home(dir.resolve("alice"), true), "alice",
            ChunkTransports.HTTP::factories, engine -> engine.listener(tracker).warmUpCrypto(true),
            quiet)) {
      CompletableFuture<TransferResult> received = receiveOne(bob, dir.resolve("inbox"));
      ControlServer server = bob.serve("127.0.0.1", 0);
      try {
        out.println(bob.shade().address() + " listening on " + server.baseUri());
        showSafetyNumbers(alice, bob, server.baseUri());
        String sourceHex = sourceSha.join();
        TransferResult sent;
        try {
          sent = new FileSender(alice.shade(), alice.home(), tracker).send(source,
              new Peer(bob.shade().address(), server.baseUri()), lanesOption.lanes(),
              Upload.DEFAULT_CHUNK_SIZE_BYTES);
        } catch (CliException reported) {
          return reported.status().number();
        }
        return verify(sourceHex, received.join(), sent);
      } finally {
        LocalNode.await(server.close());
      }
    }
  }

  /** Completes with the first stream {@code bob} receives, accepted into {@code inbox}. */
  private static CompletableFuture<TransferResult> receiveOne(LocalNode bob, Path inbox) {
    CompletableFuture<TransferResult> received = new CompletableFuture<>();
    bob.shade().onIncomingTransfer(incoming -> incoming.accept(Output.inbox(inbox))
        .whenComplete((result, error) -> {
          if (error == null) {
            received.complete(result);
          } else {
            received.completeExceptionally(error);
          }
        }));
    return received;
  }

  /** Writes the random source on another thread; completes with its SHA-256. */
  private CompletableFuture<String> generate(Path source) {
    return CompletableFuture.supplyAsync(() -> {
      long started = System.nanoTime();
      String sha = DemoFiles.writeRandom(source, sizeBytes);
      out.println("generated " + source.getFileName() + ": " + Display.bytes(sizeBytes)
          + " of random bytes in " + Display.seconds((System.nanoTime() - started) / 1_000_000));
      return sha;
    });
  }

  /**
   * Each side computes the safety number from its own key and the other's: alice from the key bob
   * presents at its URL (as {@code shade send} does), bob from alice's key (which it learns at
   * first contact).
   */
  private void showSafetyNumbers(LocalNode alice, LocalNode bob, URI bobUrl) {
    ControlPlane a = alice.shade().controlPlane();
    ControlPlane b = bob.shade().controlPlane();
    IdentityKey bobKey = new PeerIntroduction(alice, out).fetchBundle(bobUrl).identity();
    out.printf("safety number computed by %-8s %s%n", a.keys().address() + ":",
        a.trust().safetyNumber(b.keys().address(), bobKey).grouped());
    out.printf("safety number computed by %-8s %s%n", b.keys().address() + ":",
        b.trust().safetyNumber(a.keys().address(), a.keys().identityKey()).grouped());
  }

  private int verify(String sourceSha, TransferResult received, TransferResult sent) {
    String receivedSha = DemoFiles.sha256(received.path().orElseThrow());
    out.println("sha256 of the source file    " + sourceSha);
    out.println("sha256 of the received file  " + receivedSha);
    if (!receivedSha.equals(sourceSha)) {
      throw new CliException(ExitStatus.INTEGRITY, "the received file differs from the source");
    }
    out.println("verified: identical; " + Display.rate(sent.bytes(), sent.durationMs()) + " ("
        + Display.bytes(sent.bytes()) + " in " + Display.seconds(sent.durationMs()) + ", "
        + lanesOption.lanes() + " lanes over HTTP, encrypted, hashed and verified)");
    out.println("peak memory: " + PeakMemory.now());
    return ExitStatus.OK.number();
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
