package dev.shade.bench.harness;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Scenario 3: the receiver is killed with SIGKILL once the sender saw half the file acknowledged,
 * restarted on the same port with the same state, and the live sender continues; wall time from
 * {@code upload()} to verified against an uninterrupted run with the same durable stores, bytes
 * re-sent (chunks the killed receiver had written that reached the restarted one again, from both
 * sides' {@code --chunk-lines}), and how long the receiver was down and the sender went without an
 * acknowledgement.
 */
final class ResumeTrials {
  static final String SECTION = "3. Resume after the receiver is killed";
  static final String UNINTERRUPTED = "uninterrupted";
  static final String INTERRUPTED = "receiver SIGKILLed at 50%, restarted";
  static final String WALL_SECONDS = "wall s";
  static final String RESENT_MIB = "re-sent MiB";
  static final String SENT_TWICE_MIB = "acked or refused twice MiB";
  static final String DOWN_SECONDS = "receiver down s";
  static final String STALLED_SECONDS = "no ack s";
  static final int KILL_AT_PERCENT = 50;
  static final int LANES = 4;
  private static final double MIB = 1024 * 1024;

  private ResumeTrials() {}

  static List<Trial> trials(RunContext ctx) {
    if (!ctx.options.runs("resume")) {
      return List.of();
    }
    ctx.results.note(SECTION, BenchOptions.size(ctx.options.sizeBytes()) + " file, "
        + ctx.options.transports().get(0) + ", " + LANES + " lanes, SQLite resume stores on both"
        + " sides; the receiver is killed (SIGKILL) when the sender's acknowledged bytes pass "
        + KILL_AT_PERCENT + "%, and restarted at once on the same port with the same stores."
        + " wall s: upload() to verified. re-sent MiB: chunks the killed receiver had written"
        + " that reached the restarted one again (chunks lost in flight, at most lanes × window,"
        + " are not in it). acked or refused twice MiB: TransferListener.chunkSent bytes minus"
        + " the file size (attempts lost with a connection do not count). receiver down s:"
        + " SIGKILL until the restarted receiver listens; no ack s: SIGKILL until the sender's"
        + " first acknowledgement after the restart.");
    return List.of(Trial.of("3. resume, " + UNINTERRUPTED, round -> run(ctx, false)),
        Trial.of("3. resume, " + INTERRUPTED, round -> run(ctx, true)));
  }

  private static String run(RunContext ctx, boolean interrupt) throws Exception {
    Workspace.Source source = ctx.workspace.source(ctx.options.sizeBytes());
    Path dir = ctx.workspace.fresh("resume");
    Files.createDirectories(dir);
    Path target = dir.resolve("received.bin");
    List<Child> children = new ArrayList<>();
    try {
      Child receiver = ctx.startNode("receiver", false, receiveArgs(dir, target, "0"));
      children.add(receiver);
      String baseUrl = receiver.await("listening", ShadePair.START_TIMEOUT).getString("baseUrl");
      Child sender = ctx.startNode("sender", false, List.of("send", "--to", baseUrl,
          "--address-of-peer", "bob.1", "--lanes", String.valueOf(LANES), "--transport",
          ctx.options.transports().get(0), "--progress", "--chunk-lines", "--state",
          dir.resolve("sender.db").toString(), "--resume-state",
          dir.resolve("sender-resume.db").toString(), source.path().toString()));
      children.add(sender);
      Duration timeout = RunContext.transferTimeout(source.bytes());
      Optional<Outage> outage = Optional.empty();
      if (interrupt) {
        sender.await(line -> is(line, "progress") && line.getInteger("percent") >= KILL_AT_PERCENT,
            timeout);
        outage = Optional.of(killAndRestart(ctx, receiver, dir, target, baseUrl, children));
        long listeningAt = outage.get().listeningAtMicros();
        long ackedAgainAt = sender.await(line -> is(line, "progress")
            && line.getLong("atMicros") > listeningAt, timeout).getLong("atMicros");
        outage.get().record(ctx.results, ackedAgainAt);
      }
      JsonObject result = sender.await("result", timeout);
      sender.awaitSuccess(ShadePair.START_TIMEOUT);
      awaitVerifiedFile(target, source);
      double wallSeconds = result.getDouble("uploadMs") / 1000;
      double twiceMib = (result.getLong("sentPlaintextBytes") - source.bytes()) / MIB;
      double resentMib = outage.map(o -> o.resentBytes(sender.lines()) / MIB).orElse(0.0);
      String row = interrupt ? INTERRUPTED : UNINTERRUPTED;
      ctx.results.add(SECTION, row, WALL_SECONDS, wallSeconds);
      ctx.results.add(SECTION, row, RESENT_MIB, resentMib);
      ctx.results.add(SECTION, row, SENT_TWICE_MIB, twiceMib);
      return String.format(Locale.ROOT, "%.2f s, %.1f MiB re-sent, %.1f MiB acked or refused"
          + " twice", wallSeconds, resentMib, twiceMib) + outage.map(Outage::summary).orElse("");
    } finally {
      children.forEach(Child::close);
      if (!ctx.options.keepWork()) {
        Workspace.deleteTree(dir);
      }
    }
  }

  /**
   * SIGKILLs the receiver, notes which chunks it had written, and starts it again on the same
   * port with the same stores.
   */
  private static Outage killAndRestart(RunContext ctx, Child receiver, Path dir, Path target,
      String baseUrl, List<Child> children) throws Exception {
    long killedAt = nowMicros();
    receiver.killMeasured();
    receiver.awaitExit(ShadePair.START_TIMEOUT);
    List<String> killedLines = receiver.allLines(ShadePair.START_TIMEOUT);
    Child restarted = ctx.startNode("receiver-restarted", false,
        receiveArgs(dir, target, String.valueOf(ShadePair.port(baseUrl))));
    children.add(restarted);
    restarted.await("listening", ShadePair.START_TIMEOUT);
    return Outage.of(killedAt, nowMicros(), killedLines);
  }

  /** When the receiver was killed and listened again, and what it had written by then. */
  record Outage(long killedAtMicros, long listeningAtMicros, Set<String> written) {
    /** From the killed receiver's stdout: its {@code chunkWritten} lines. */
    static Outage of(long killedAtMicros, long listeningAtMicros, List<String> killedLines) {
      Set<String> written = new HashSet<>();
      for (String text : killedLines) {
        if (text.contains("\"chunkWritten\"")) {
          written.add(chunkKey(new JsonObject(text)));
        }
      }
      return new Outage(killedAtMicros, listeningAtMicros, written);
    }

    /** Bytes of chunks the killed receiver had written that reached the restarted one. */
    long resentBytes(List<String> senderLines) {
      long bytes = 0;
      for (String text : senderLines) {
        if (text.contains("\"chunkSent\"")) {
          JsonObject line = new JsonObject(text);
          if (line.getLong("atMicros") > listeningAtMicros && written.contains(chunkKey(line))) {
            bytes += line.getLong("bytes");
          }
        }
      }
      return bytes;
    }

    void record(Results results, long ackedAgainAtMicros) {
      results.add(SECTION, INTERRUPTED, DOWN_SECONDS, downSeconds());
      results.add(SECTION, INTERRUPTED, STALLED_SECONDS,
          (ackedAgainAtMicros - killedAtMicros) / 1e6);
    }

    double downSeconds() {
      return (listeningAtMicros - killedAtMicros) / 1e6;
    }

    String summary() {
      return String.format(Locale.ROOT, "; receiver down %.2f s", downSeconds());
    }
  }

  private static String chunkKey(JsonObject line) {
    return line.getInteger("lane") + "/" + line.getLong("seq");
  }

  private static boolean is(JsonObject line, String event) {
    return event.equals(line.getString("event"));
  }

  private static long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  /** A receiver that keeps its identity and its streams in {@code dir}, until stopped. */
  private static List<String> receiveArgs(Path dir, Path target, String port) {
    return List.of("receive", "--port", port, "--address", "bob.1", "--count", "0",
        "--chunk-lines", "--state", dir.resolve("receiver.db").toString(), "--resume-state",
        dir.resolve("receiver-resume.db").toString(), "--out", target.toString());
  }

  private static void awaitVerifiedFile(Path target, Workspace.Source source) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!Files.exists(target) || Files.size(target) != source.bytes()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(target + " did not appear with " + source.bytes()
            + " bytes");
      }
      Thread.sleep(50);
    }
    if (!Workspace.sha256(target).equals(source.sha256())) {
      throw new IllegalStateException(target + " differs from the source");
    }
  }
}
