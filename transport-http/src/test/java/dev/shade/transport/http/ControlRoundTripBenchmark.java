package dev.shade.transport.http;

import dev.shade.transfer.spi.PeerDirectory;

import dev.shade.streams.PeerAddress;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Control round trips per second between two warm nodes on loopback: alice encrypts a control
 * message, POSTs it to bob's server, bob decrypts it, encrypts a reply, and alice decrypts the
 * reply. Prints each run and the median of five.
 *
 * <p>Arguments: {@code [sqlite|memory] [concurrentRequesters] [secondsPerRun] [warmupSeconds]},
 * default {@code sqlite 4 3 30} (the JIT needs about half a minute to settle). Run from the
 * repository root:
 *
 * <pre>
 * mvn -B -q -pl transport-http -am -DskipTests package dependency:build-classpath \
 *     -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "$(cat transport-http/target/test-classpath.txt):transport-http/target/classes:transport-http/target/test-classes" \
 *     dev.shade.transport.http.ControlRoundTripBenchmark sqlite 4 3 30
 * </pre>
 */
public final class ControlRoundTripBenchmark {
  private ControlRoundTripBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean sqlite = args.length < 1 || args[0].equals("sqlite");
    int requesters = args.length < 2 ? 4 : Integer.parseInt(args[1]);
    int seconds = args.length < 3 ? 3 : Integer.parseInt(args[2]);
    int warmupSeconds = args.length < 4 ? 30 : Integer.parseInt(args[3]);
    Path dir = Files.createTempDirectory("shade-bench");
    Vertx vertx = Vertx.vertx();
    PeerDirectory endpoints = new PeerDirectory();
    ExecutorService pool = Executors.newFixedThreadPool(requesters);
    try (TestNode alice = TestNode.start(vertx, endpoints, "alice.1",
            sqlite ? dir.resolve("alice.db") : null);
        TestNode bob = TestNode.start(vertx, endpoints, "bob.1",
            sqlite ? dir.resolve("bob.db") : null)) {
      runFor(pool, requesters, alice, bob.address, warmupSeconds); // session, JIT, connections
      double[] rates = new double[5];
      for (int run = 0; run < rates.length; run++) {
        long start = System.nanoTime();
        long trips = runFor(pool, requesters, alice, bob.address, seconds);
        rates[run] = trips / ((System.nanoTime() - start) / 1e9);
        System.out.printf("run %d: %.0f round trips/s%n", run + 1, rates[run]);
      }
      Arrays.sort(rates);
      System.out.printf("median of 5: %.0f control round trips/s (%s stores, %d requesters)%n",
          rates[2], sqlite ? "SQLite" : "in-memory", requesters);
    } finally {
      pool.shutdownNow();
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static long runFor(ExecutorService pool, int requesters, TestNode from, PeerAddress to,
      int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    byte[] message = "{\"kind\":\"shade.stream-resume-query/v1\",\"streamId\":\"AAAAAAAAAAAAAAAAAAAAAA\"}"
        .getBytes(StandardCharsets.UTF_8);
    List<Future<Long>> results = new ArrayList<>();
    for (int i = 0; i < requesters; i++) {
      results.add(pool.submit(() -> {
        long trips = 0;
        while (System.nanoTime() < deadline) {
          from.plane.channel().request(to, message).orElseThrow();
          trips++;
        }
        return trips;
      }));
    }
    long total = 0;
    for (Future<Long> result : results) {
      total += result.get();
    }
    return total;
  }
}
