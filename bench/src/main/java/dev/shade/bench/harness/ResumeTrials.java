package dev.shade.bench.harness;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Scenario 3: the receiver is killed with SIGKILL once the sender saw half the file acknowledged,
 * restarted on the same port with the same state, and the live sender continues; bytes re-sent
 * (every transmission the engine reports, minus the file size) and wall time from {@code upload()}
 * to verified, against an uninterrupted run with the same durable stores.
 */
final class ResumeTrials {
  static final String SECTION = "3. Resume after the receiver is killed";
  static final String UNINTERRUPTED = "uninterrupted";
  static final String INTERRUPTED = "receiver SIGKILLed at 50%, restarted";
  static final String WALL_SECONDS = "wall s";
  static final String RESENT_MIB = "re-sent MiB";
  static final int KILL_AT_PERCENT = 50;
  static final int LANES = 4;

  private ResumeTrials() {}

  static List<Trial> trials(RunContext ctx) {
    if (!ctx.options.runs("resume")) {
      return List.of();
    }
    ctx.results.note(SECTION, BenchOptions.size(ctx.options.sizeBytes()) + " file, "
        + ctx.options.transports().get(0) + ", " + LANES + " lanes, SQLite resume stores on both"
        + " sides; the receiver is killed (SIGKILL) when the sender's acknowledged bytes pass "
        + KILL_AT_PERCENT + "%, and restarted at once on the same port with the same stores."
        + " wall s: upload() to verified; re-sent MiB: plaintext bytes transmitted (re-sends"
        + " included, TransferListener.chunkSent) minus the file size.");
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
          ctx.options.transports().get(0), "--progress", "--state",
          dir.resolve("sender.db").toString(), "--resume-state",
          dir.resolve("sender-resume.db").toString(), source.path().toString()));
      children.add(sender);
      Duration timeout = RunContext.transferTimeout(source.bytes());
      if (interrupt) {
        sender.await(line -> "progress".equals(line.getString("event"))
            && line.getInteger("percent") >= KILL_AT_PERCENT, timeout);
        receiver.killMeasured();
        receiver.awaitExit(ShadePair.START_TIMEOUT);
        Child restarted = ctx.startNode("receiver-restarted", false,
            receiveArgs(dir, target, String.valueOf(ShadePair.port(baseUrl))));
        children.add(restarted);
        restarted.await("listening", ShadePair.START_TIMEOUT);
      }
      JsonObject result = sender.await("result", timeout);
      sender.awaitSuccess(ShadePair.START_TIMEOUT);
      awaitVerifiedFile(target, source);
      double wallSeconds = result.getDouble("uploadMs") / 1000;
      double resentMib = (result.getLong("sentPlaintextBytes") - source.bytes()) / 1048576.0;
      String row = interrupt ? INTERRUPTED : UNINTERRUPTED;
      ctx.results.add(SECTION, row, WALL_SECONDS, wallSeconds);
      ctx.results.add(SECTION, row, RESENT_MIB, resentMib);
      return String.format(Locale.ROOT, "%.2f s, %.1f MiB re-sent", wallSeconds, resentMib);
    } finally {
      children.forEach(Child::close);
      Workspace.deleteTree(dir);
    }
  }

  /** A receiver that keeps its identity and its streams in {@code dir}, until stopped. */
  private static List<String> receiveArgs(Path dir, Path target, String port) {
    return List.of("receive", "--port", port, "--address", "bob.1", "--count", "0",
        "--state", dir.resolve("receiver.db").toString(), "--resume-state",
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
