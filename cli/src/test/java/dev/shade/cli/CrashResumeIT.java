package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.StreamId;
import dev.shade.transfer.Upload;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.PersistedStreamState.Direction;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crashes through the real jar: {@code shade send} and {@code shade serve} in child JVMs, killed
 * with SIGKILL at random points of a 32 MiB transfer (256 KiB chunks, 4 lanes, paced to 8 MiB/s
 * so that it lasts a few seconds), then restarted: the sender with {@code shade resume}, the
 * receiver on the same home and port while a living sender carries on by itself. Every transfer
 * must end with the file's SHA-256, alone in the inbox.
 *
 * <p>What a kill costs is measured outside the protocol, from the two homes' stream states after
 * the kill: the chunks the sender had sealed beyond what the receiver holds durably are exactly
 * the ones sent again. They must stay within each lane's window plus one chunk. The kill points
 * come from a seeded {@link Random}; {@code -Dshade.crash.seed=N} repeats a run.
 */
class CrashResumeIT {
  private static final int LANES = 4;
  private static final int WINDOW = Upload.DEFAULT_WINDOW;
  private static final int CHUNK_BYTES = 256 << 10;
  private static final int SIZE_BYTES = 32 << 20;
  private static final int BYTES_PER_SECOND = 8 << 20;
  private static final int PLANNED_KILLS = 11;
  private static final int REQUIRED_KILLS = 10;
  /** What one interruption may cost, in chunks: each lane's window in flight, plus one. */
  private static final int RESEND_BOUND_CHUNKS = LANES * (WINDOW + 1);
  private static final long SEED = Long.getLong("shade.crash.seed", new SecureRandom().nextLong());
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

  @TempDir
  Path dir;

  @Test
  void aSenderKilledAtRandomPointsResumesToTheVerifiedFile(TestInfo test) throws IOException {
    try (Transfer t = new Transfer(test, 1)) {
      t.send();
      t.crashAtEachTarget(() -> {
        t.sender.kill();
        t.killed();
        t.resume();
      });
      t.finish(RESEND_BOUND_CHUNKS);
    }
  }

  @Test
  void aReceiverKilledAtRandomPointsIsWaitedForByTheLivingSender(TestInfo test)
      throws IOException {
    try (Transfer t = new Transfer(test, 2)) {
      t.send();
      t.crashAtEachTarget(() -> {
        t.bob.kill();
        sleep(100 + t.random.nextInt(400));
        t.killed();
        t.bob = t.bob.restart();
      });
      JsonObject result = t.finish((long) RESEND_BOUND_CHUNKS * t.kills);
      assertEquals(SIZE_BYTES, result.getLong("sentBytes") - result.getLong("resentBytes"),
          result::encode);
    }
  }

  @Test
  void bothKilledAtRandomPointsResumeToTheVerifiedFile(TestInfo test) throws IOException {
    try (Transfer t = new Transfer(test, 3)) {
      t.send();
      t.crashAtEachTarget(() -> {
        if (t.random.nextBoolean()) {
          t.sender.kill();
          t.bob.kill();
        } else {
          t.bob.kill();
          t.sender.kill();
        }
        t.killed();
        t.bob = t.bob.restart();
        t.resume();
      });
      t.finish(RESEND_BOUND_CHUNKS);
    }
  }

  /** One file from alice to bob, with the processes that carry it now. */
  private final class Transfer implements AutoCloseable {
    final Random random;
    final String name;
    final Path file;
    final String sha256;
    final Path alice;
    final List<Long> resentChunks = new ArrayList<>();
    final long startNanos = System.nanoTime();
    ServingNode bob;
    ShadeProcess sender;
    String streamId;
    int kills;

    Transfer(TestInfo test, int salt) {
      this.random = new Random(SEED + salt);
      this.name = test.getTestMethod().orElseThrow().getName();
      Path scenario = dir.resolve("s" + salt);
      scenario.toFile().mkdirs();
      this.file = Sha256Files.random(scenario.resolve("big.bin"), SIZE_BYTES);
      this.sha256 = Sha256Files.sha256(file);
      this.alice = scenario.resolve("alice");
      this.bob = ServingNode.start(scenario.resolve("bob"), null);
      System.out.println("CrashResumeIT." + name + ": seed " + SEED
          + " (-Dshade.crash.seed=" + SEED + " repeats it)");
    }

    /**
     * Runs {@code crash} at each kill point the transfer reaches before it ends: one drawn in
     * each of equal slices of the first 80% of the file.
     */
    void crashAtEachTarget(Runnable crash) {
      for (long target : targets()) {
        if (!reach(target)) {
          return;
        }
        crash.run();
      }
    }

    private long[] targets() {
      long[] targets = new long[PLANNED_KILLS];
      double span = SIZE_BYTES * 0.8 / PLANNED_KILLS;
      for (int k = 0; k < PLANNED_KILLS; k++) {
        targets[k] = 1 + (long) (span * (k + random.nextDouble()));
      }
      return targets;
    }

    void send() {
      sender = start("send", "--to", bob.baseUrl.toString(), "--trust-new", "--chunk-size",
          Integer.toString(CHUNK_BYTES), "--lanes", Integer.toString(LANES), file.toString());
      streamId = sender.awaitEvent(e -> e.getString("event").equals("started"), RUN_TIMEOUT)
          .orElseThrow(() -> new AssertionError("no started event:\n" + sender.snapshot()))
          .getString("streamId");
    }

    void resume() {
      sender = start("resume", streamId, file.toString());
    }

    private ShadeProcess start(String command, String... args) {
      List<String> line = new ArrayList<>(List.of(command, "--home", alice.toString(), "--json",
          "--limit-rate", Integer.toString(BYTES_PER_SECOND)));
      line.addAll(List.of(args));
      return ShadeProcess.start(dir, Map.of(), line.toArray(new String[0]));
    }

    /**
     * Waits until the sender reports at least {@code targetBytes} of the stream acknowledged, then
     * a random moment more (up to a progress interval); false when the transfer ended first.
     */
    boolean reach(long targetBytes) {
      Optional<JsonObject> event = sender.awaitEvent(e -> isEnd(e)
          || e.getLong("bytes", -1L) >= targetBytes, RUN_TIMEOUT);
      if (event.isEmpty() || isEnd(event.get())) {
        return false;
      }
      sleep(random.nextInt(250));
      return sender.isAlive();
    }

    /** Counts a kill, and the chunks it costs, from both homes (the dead side's is final). */
    void killed() {
      kills++;
      StreamId id = StreamId.parse(streamId);
      long[] sealed = StreamStates.sealedThrough(alice, id);
      long[] received = StreamStates.receivedThrough(bob.home, id);
      long chunks = 0;
      for (int lane = 0; lane < LANES; lane++) {
        chunks += Math.max(0, sealed[lane] - received[lane]);
      }
      assertTrue(chunks <= RESEND_BOUND_CHUNKS, "kill " + kills + " costs " + chunks
          + " chunks, more than " + RESEND_BOUND_CHUNKS + ": sealed through "
          + Arrays.toString(sealed) + ", received through " + Arrays.toString(received)
          + " (seed " + SEED + ")");
      resentChunks.add(chunks);
    }

    /**
     * Lets the last run end, checks the file and that nothing is left behind, and prints what
     * the kills cost; returns the last run's result event.
     */
    JsonObject finish(long lastRunResendBoundChunks) throws IOException {
      ShadeProcess.Result last = sender.await(RUN_TIMEOUT);
      assertEquals(0, last.exitCode(), () -> "seed " + SEED + "\n" + last);
      JsonObject result = last.lastEvent();
      assertEquals(sha256, result.getString("sha256"), last::toString);
      // a restarted serve reports the stream it continued, as a running one those it received
      bob.awaitOutput(Pattern.compile("^received big\\.bin: " + SIZE_BYTES + " bytes.*sha256 "
          + sha256));
      bob.close();
      Path received = bob.inbox.resolve(file.getFileName());
      assertEquals(List.of(received), ResumeIT.inbox(bob.inbox));
      assertEquals(sha256, Sha256Files.sha256(received));
      assertEquals(List.of(), StreamStates.list(alice, Direction.SEND));
      assertEquals(List.of(PersistedStreamState.Status.COMPLETE), StreamStates.list(bob.home,
          Direction.RECEIVE).stream().map(PersistedStreamState::status).toList());
      long resent = resentChunks.stream().mapToLong(Long::longValue).sum();
      System.out.println("CrashResumeIT." + name + ": seed " + SEED + ", " + kills
          + " kills in " + (System.nanoTime() - startNanos) / 1_000_000_000 + " s; chunks sent"
          + " again per kill " + resentChunks + " (bound "
          + RESEND_BOUND_CHUNKS + "), " + resent + " in all = " + resent * CHUNK_BYTES / 1024
          + " KiB of " + SIZE_BYTES / 1024 + " KiB; last run: sentBytes "
          + result.getLong("sentBytes") + ", resentBytes " + result.getLong("resentBytes"));
      assertTrue(kills >= REQUIRED_KILLS, () -> "only " + kills + " kills landed mid-transfer"
          + " (seed " + SEED + ")");
      assertTrue(result.getLong("resentBytes") <= lastRunResendBoundChunks * CHUNK_BYTES,
          result::encode);
      return result;
    }

    @Override
    public void close() {
      sender.close();
      bob.close();
    }
  }

  private static boolean isEnd(JsonObject event) {
    return List.of("result", "error", "paused").contains(event.getString("event"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
