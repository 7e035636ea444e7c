package dev.shade.transport.http;

import dev.shade.transfer.spi.PeerDirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.shade.streams.ShadeException;
import dev.shade.transfer.Input;
import dev.shade.transfer.Output;
import dev.shade.transfer.Peer;
import dev.shade.transfer.RetryPolicy;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import dev.shade.transfer.spi.TransferTransportError;
import dev.shade.transport.http.HostileProxy.Mischief;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Transfers between two real nodes whose chunk requests pass a {@link HostileProxy}: bits flip,
 * connections drop mid-body or before the answer, requests are replayed at once or later, delayed,
 * truncated or swallowed. Control requests go straight to the receiver. Every transfer either
 * arrives with the source's SHA-256 or fails with a clear error, and then leaves neither a target
 * file nor partial data behind.
 */
class HostileProxyTest {
  private static final int KIB = 1024;
  private static final int CHUNK_BYTES = 64 * KIB;
  private static final Duration CHUNK_TIMEOUT = Duration.ofSeconds(1);
  /**
   * Short backoffs; eight re-sends of a chunk that failed authentication, so that GENTLE's 4% of
   * body flips cannot end a transfer by chance (4% to the 9th power, not to the 4th).
   */
  private static final RetryPolicy QUICK_RETRIES = new RetryPolicy(Duration.ofMillis(5),
      Duration.ofMillis(100), Duration.ofSeconds(20), 8);
  private static Vertx vertx;
  private static ShadeNode alice;
  private static ShadeNode bob;
  @TempDir static Path dir;

  /** GENTLE mischief is all recoverable: the transfer must complete. HARSH may end it. */
  enum Severity {
    GENTLE(Map.of(Mischief.FLIP_BODY_BIT, 0.04, Mischief.DROP_MID_BODY, 0.04,
        Mischief.DROP_ANSWER, 0.04, Mischief.REPLAY, 0.04, Mischief.LATE_REPLAY, 0.04,
        Mischief.DELAY, 0.08, Mischief.STALL, 0.01)),
    HARSH(Map.of(Mischief.FLIP_BODY_BIT, 0.05, Mischief.FLIP_HEADER_BIT, 0.01,
        Mischief.DROP_MID_BODY, 0.05, Mischief.DROP_ANSWER, 0.05, Mischief.REPLAY, 0.05,
        Mischief.LATE_REPLAY, 0.05, Mischief.DELAY, 0.05, Mischief.TRUNCATE, 0.01,
        Mischief.STALL, 0.01));

    final Map<Mischief, Double> weights;

    Severity(Map<Mischief, Double> weights) {
      this.weights = new EnumMap<>(weights);
    }
  }

  enum Source {
    FILE,
    STREAM
  }

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    bob = ShadeNode.start(vertx, "bob.1");
    PeerEndpoints direct = new PeerDirectory().remember(bob.shade.address(), bob.server.baseUri())::baseUrl;
    alice = ShadeNode.start(vertx, "alice.1", direct, CHUNK_TIMEOUT, QUICK_RETRIES);
  }

  @AfterAll
  static void stop() {
    alice.close();
    bob.close();
    TestNode.await(vertx.close());
  }

  @ParameterizedTest(name = "seed {0}: {1} KiB over {2} lanes from a {3}, {4}")
  @CsvSource({
      "1, 1024, 1, FILE, GENTLE",
      "2, 3000, 4, FILE, GENTLE",
      "3, 8192, 8, FILE, GENTLE",
      "4, 5000, 3, STREAM, GENTLE",
      "5, 2048, 2, FILE, HARSH",
      "6, 8192, 4, FILE, HARSH",
      "7, 4096, 8, STREAM, HARSH",
      "8, 1500, 6, FILE, HARSH",
      "9, 6000, 5, FILE, HARSH"})
  void aTransferThroughAHostileProxyArrivesIntactOrFailsCleanly(long seed, int kib, int lanes,
      Source source, Severity severity) throws Exception {
    Path scenario = Files.createDirectories(dir.resolve("seed-" + seed));
    Path input = scenario.resolve("source.bin");
    String sha = HttpTransferTest.randomFile(input, (long) kib * KIB, seed);
    Path inbox = Files.createDirectories(scenario.resolve("inbox"));
    Path target = inbox.resolve("received.bin");
    CompletableFuture<TransferResult> received = receiveInto(target);
    try (HostileProxy proxy = HostileProxy.start(bob.server.port(),
            HostileProxy.Policy.weighted(severity.weights), seed);
        InputStream stream = Files.newInputStream(input)) {
      Upload upload = Upload.to(new Peer(bob.shade.address(), proxy.baseUri()))
          .input(source == Source.FILE ? Input.file(input) : Input.stream(stream)).lanes(lanes)
          .chunkSizeBytes(CHUNK_BYTES).build();
      CompletableFuture<TransferResult> sent = alice.shade.upload(upload).done();
      Outcome outcome = Outcome.of(sent);
      System.out.println("seed " + seed + " " + severity + ": " + outcome + ", mischief "
          + done(proxy.counts()));
      assertTrue(done(proxy.counts()).values().stream().mapToInt(Integer::intValue).sum() > 0,
          "the proxy did no mischief");
      if (outcome.error == null) {
        assertEquals(sha, outcome.result.sha256());
        assertEquals(sha, received.get(10, TimeUnit.SECONDS).sha256());
        assertEquals(sha, HttpTransferTest.sha256Of(target));
      } else {
        assertEquals(Severity.HARSH, severity, "recoverable mischief ended the transfer: "
            + outcome.error);
        assertClear(outcome.error);
        ExecutionException onReceiver = assertThrows(ExecutionException.class,
            () -> received.get(10, TimeUnit.SECONDS));
        assertNotNull(onReceiver.getCause());
        assertFalse(Files.exists(target), "a failed transfer left " + target);
      }
    }
    assertEquals(List.of(), partialFiles(inbox), "partial data left behind");
  }

  private static CompletableFuture<TransferResult> receiveInto(Path target) {
    CompletableFuture<TransferResult> received = new CompletableFuture<>();
    bob.shade.onIncomingTransfer(in -> in.accept(Output.file(target)).whenComplete((r, e) -> {
      if (e != null) {
        received.completeExceptionally(e);
      } else {
        received.complete(r);
      }
    }));
    return received;
  }

  /** A failed transfer names what refused it: a Shade error code, or the transport that gave up. */
  private static void assertClear(Throwable error) {
    assertNotNull(error.getMessage(), "an error without a message: " + error);
    if (!(error instanceof TransferTransportError)) {
      assertInstanceOf(ShadeException.class, error, "unexpected failure " + error);
    }
  }

  private static List<Path> partialFiles(Path inbox) throws IOException {
    Path partial = inbox.resolve(".shade-partial");
    if (!Files.isDirectory(partial)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(partial)) {
      return files.collect(Collectors.toList());
    }
  }

  private static Map<Mischief, Integer> done(Map<Mischief, Integer> counts) {
    Map<Mischief, Integer> done = new EnumMap<>(counts);
    done.remove(Mischief.PASS);
    done.values().removeIf(n -> n == 0);
    return done;
  }

  /** How an upload ended, within a bound. */
  private record Outcome(TransferResult result, Throwable error) {
    static Outcome of(CompletableFuture<TransferResult> sent) throws InterruptedException {
      try {
        return new Outcome(sent.get(60, TimeUnit.SECONDS), null);
      } catch (ExecutionException e) {
        return new Outcome(null, e.getCause());
      } catch (TimeoutException e) {
        return fail("the upload neither completed nor failed within 60 s");
      }
    }

    @Override
    public String toString() {
      return error == null ? "completed" : "failed with " + error;
    }
  }
}
