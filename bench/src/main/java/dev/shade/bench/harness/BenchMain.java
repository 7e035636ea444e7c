package dev.shade.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The benchmark run behind {@code bench/run}: every scenario of the plan, interleaved (each round
 * runs every trial once, in the same order), each timed trial after the workspace's memory
 * warm-up; then the goals, and the report as Markdown on stdout and as Markdown and JSON in the
 * results folder. Progress goes to stderr. Exit status 0 when every trial ran, 1 when one failed
 * (the report lists it), 2 on a bad command line.
 */
public final class BenchMain {
  private static final DateTimeFormatter STAMP = DateTimeFormatter
      .ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter READABLE = DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  static int run(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(BenchOptions.USAGE);
      return 0;
    }
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + BenchOptions.USAGE);
      return 2;
    }
    if (!Files.isRegularFile(options.jar())) {
      System.err.println("missing " + options.jar() + ": bench/run builds it");
      return 2;
    }
    Instant started = Instant.now();
    String loadAtStart = Machine.loadAverage();
    Path work = Files.createTempDirectory(Files.createDirectories(options.workParent()),
        "shade-bench-");
    if (!options.keepWork()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(work)));
    }
    Results results = new Results();
    try (Workspace workspace = new Workspace(work, options.scratchBytes(), !options.keepWork())) {
      RunContext ctx = new RunContext(options, workspace, results);
      runRounds(ctx, plan(ctx));
      Goals goals = Goals.of(ctx);
      Optional<Double> bound = goals.bound();
      String boundNote = bound.isEmpty() && !options.runs("discard") ? ""
          : Goals.BOUND_FORMULA + bound.map(b -> String.format(Locale.ROOT,
              "; this run: %.0f MB/s on %d cores", b, Runtime.getRuntime().availableProcessors()))
              .orElse("; not computed (openssl not run)");
      Report report = new Report(options, command(args), READABLE.format(started),
          Machine.describe(), loadAtStart, Machine.loadAverage(), results, goals.evaluate(),
          boundNote);
      Path md = report.write(options.resultsDir(), STAMP.format(started));
      System.out.print(report.markdown());
      System.err.println("kept in " + md + " and its .json"
          + (options.keepWork() ? "; logs and files in " + work : ""));
    }
    return results.failures().isEmpty() ? 0 : 1;
  }

  private static List<Trial> plan(RunContext ctx) throws Exception {
    PeerTrials peers = new PeerTrials(ctx);
    List<Trial> plan = new ArrayList<>();
    plan.addAll(ThroughputTrials.trials(ctx));
    plan.addAll(peers.loopbackTrials());
    plan.addAll(ThroughputTrials.memoryTrials(ctx));
    plan.addAll(ThroughputTrials.durableTrials(ctx));
    plan.addAll(ResumeTrials.trials(ctx));
    plan.addAll(WarmTrials.trials(ctx));
    plan.addAll(LinkTrials.trials(ctx, peers));
    plan.addAll(peers.opensslTrials());
    return plan;
  }

  private static void runRounds(RunContext ctx, List<Trial> plan) throws Exception {
    int rounds = ctx.options.rounds();
    for (int round = 1; round <= rounds; round++) {
      for (Trial trial : plan) {
        String prefix = "[round " + round + "/" + rounds + "] " + trial.name() + ": ";
        try {
          ctx.workspace.warmMemory();
          System.err.println(prefix + trial.run(round));
        } catch (Exception e) {
          String text = "round " + round + ", " + trial.name() + ": " + e;
          ctx.results.failure(text);
          System.err.println(prefix + "FAILED " + e);
        }
      }
    }
  }

  private static List<String> command(String[] args) {
    List<String> command = new ArrayList<>(List.of("bench/run"));
    for (String arg : args) {
      boolean plain = arg.matches("[A-Za-z0-9_./,:=+-]+");
      command.add(plain ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return command;
  }

  private static void deleteQuietly(Path dir) {
    try {
      Workspace.deleteTree(dir);
    } catch (Exception e) {
      // best effort on the way out
    }
  }
}
