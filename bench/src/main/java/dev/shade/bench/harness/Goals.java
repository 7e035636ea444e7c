package dev.shade.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The targets, each next to the median this run measured (peak RSS: the worst sample).
 * The crypto bound follows from the same run's openssl figures:
 *
 * <pre>
 * per byte, each side: two SHA-256 passes (lane hash, file hash) + one AES-256-GCM pass
 *   seconds per MB per side = 2 / sha + 1 / aes          (sha, aes in MB/s, one core each)
 * both sides share the machine's cores:
 *   bound MB/s = (cores / 2) / (2 / sha + 1 / aes)      (on 2 cores: 1 / (2 / sha + 1 / aes))
 * </pre>
 */
final class Goals {
  static final double VS_SCP = 1.1;
  static final double OF_CRYPTO_BOUND = 0.70;
  static final double LINK_VS_SCP = 4.0;
  static final double MAX_RSS_MIB = 160;
  static final double RSS_FLATNESS = 0.10;
  static final double MAX_RESENT_MIB = 16;
  static final double RESUME_WALL_RATIO = 1.15;
  static final double MIN_SMALL_FILES_PER_SECOND = 200;
  static final double MAX_FIRST_BYTE_MS = 30;
  static final double MAX_DURABLE_COST = 0.05;
  static final String BOUND_FORMULA = "bound MB/s = (cores / 2) / (2 / sha256 + 1 / aes-256-gcm),"
      + " openssl MB/s on one core: per side two SHA-256 passes and one AES-GCM pass per byte,"
      + " both sides sharing the cores";

  private final RunContext ctx;
  private final Results results;
  private final List<Goal> goals = new ArrayList<>();

  private Goals(RunContext ctx) {
    this.ctx = ctx;
    this.results = ctx.results;
  }

  static Goals of(RunContext ctx) {
    return new Goals(ctx);
  }

  /** Every goal, in the order. */
  List<Goal> evaluate() {
    goals.clear();
    versusScp();
    cryptoBound();
    link();
    memory();
    resume();
    smallFiles();
    firstByte();
    durableAcks();
    return List.copyOf(goals);
  }

  static double cryptoBoundMbPerSec(double sha256MbPerSec, double aesGcmMbPerSec, int cores) {
    return (cores / 2.0) / (2 / sha256MbPerSec + 1 / aesGcmMbPerSec);
  }

  /** The crypto bound of this run, when openssl ran. */
  Optional<Double> bound() {
    OptionalDouble sha = median(PeerTrials.CRYPTO_SECTION, PeerTrials.SHA_ROW,
        PeerTrials.OPENSSL_MB_PER_SEC);
    OptionalDouble aes = median(PeerTrials.CRYPTO_SECTION, PeerTrials.AES_ROW,
        PeerTrials.OPENSSL_MB_PER_SEC);
    if (sha.isEmpty() || aes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(cryptoBoundMbPerSec(sha.getAsDouble(), aes.getAsDouble(),
        Runtime.getRuntime().availableProcessors()));
  }

  private void versusScp() {
    String size = BenchOptions.size(ctx.options.sizeBytes());
    for (String transport : ctx.options.transports()) {
      ratio("Loopback " + size + " file-to-file, " + transport + ", 4 lanes, vs scp",
          "≥ " + VS_SCP + "× scp", ThroughputTrials.SECTION,
          ThroughputTrials.row(transport, 4, false), PeerTrials.SCP_ROW, VS_SCP);
    }
  }

  private void link() {
    for (String transport : ctx.options.transports()) {
      ratio(ctx.options.linkRttMs() + " ms, " + ctx.options.linkMbit() + " Mbit/s link, "
              + transport + ", 4 lanes, vs scp", "≥ " + LINK_VS_SCP + "× scp", LinkTrials.SECTION,
          ThroughputTrials.row(transport, LinkTrials.LANES, false), PeerTrials.SCP_ROW,
          LINK_VS_SCP);
    }
  }

  private void ratio(String goal, String target, String section, String shadeRow, String peerRow,
      double wanted) {
    OptionalDouble shade = median(section, shadeRow, CopyOutcome.MB_PER_SEC);
    OptionalDouble peer = median(section, peerRow, CopyOutcome.MB_PER_SEC);
    if (shade.isEmpty() || peer.isEmpty()) {
      goals.add(Goal.notMeasured(goal, target, Goal.SCENARIO_NOT_RUN));
      return;
    }
    double r = shade.getAsDouble() / peer.getAsDouble();
    goals.add(Goal.atLeast(goal, target, OptionalDouble.of(r), wanted, Goal.Unit.TIMES,
        String.format(Locale.ROOT,
        "%.2f× (%.0f vs %.0f MB/s)", r, shade.getAsDouble(), peer.getAsDouble())));
  }

  private void cryptoBound() {
    Optional<Double> bound = bound();
    for (String transport : ctx.options.transports()) {
      String goal = "Discarding sink, " + transport + ", 4 lanes, vs crypto bound";
      String target = "≥ " + Math.round(OF_CRYPTO_BOUND * 100) + "% of bound";
      OptionalDouble shade = median(ThroughputTrials.SECTION,
          ThroughputTrials.row(transport, 4, true), CopyOutcome.MB_PER_SEC);
      if (bound.isEmpty() || shade.isEmpty()) {
        goals.add(Goal.notMeasured(goal, target, Goal.SCENARIO_NOT_RUN));
        continue;
      }
      double share = shade.getAsDouble() / bound.get();
      goals.add(Goal.atLeast(goal, target, OptionalDouble.of(share), OF_CRYPTO_BOUND,
          Goal.Unit.SHARE, String.format(Locale.ROOT, "%.0f%% (%.0f of %.0f MB/s)", share * 100,
              shade.getAsDouble(), bound.get())));
    }
  }

  private void memory() {
    for (String side : List.of("sender", "receiver")) {
      String column = side.equals("sender") ? CopyOutcome.SENDER_RSS : CopyOutcome.RECEIVER_RSS;
      List<Double> all = new ArrayList<>(results.column(ThroughputTrials.MEMORY_SECTION, column));
      all.addAll(results.column(ThroughputTrials.DURABLE_SECTION, column));
      for (String section : List.of(ThroughputTrials.SECTION, LinkTrials.SECTION)) {
        for (String transport : ctx.options.transports()) {
          for (int lanes : ctx.options.lanes()) {
            for (boolean discard : new boolean[] {false, true}) {
              results.summary(section, ThroughputTrials.row(transport, lanes, discard), column)
                  .ifPresent(s -> all.add(s.max()));
            }
          }
        }
      }
      OptionalDouble worst = all.stream().mapToDouble(Double::doubleValue).max();
      goals.add(Goal.atMost("Peak RSS, " + side + ", every Shade transfer", "≤ "
          + (int) MAX_RSS_MIB + " MiB", worst, MAX_RSS_MIB, Goal.Unit.MIB, worst.isPresent()
          ? String.format(Locale.ROOT, "worst %.0f MiB", worst.getAsDouble()) : "—"));
      flatness(side, column);
    }
  }

  private void flatness(String side, String column) {
    List<Long> sizes = ctx.options.memorySizes();
    String small = BenchOptions.size(sizes.get(0));
    String large = BenchOptions.size(sizes.get(sizes.size() - 1));
    String goal = "Peak RSS, " + side + ", " + small + " → " + large;
    String target = "within " + Math.round(RSS_FLATNESS * 100) + "%";
    OptionalDouble a = median(ThroughputTrials.MEMORY_SECTION, small, column);
    OptionalDouble b = median(ThroughputTrials.MEMORY_SECTION, large, column);
    if (a.isEmpty() || b.isEmpty()) {
      goals.add(Goal.notMeasured(goal, target, Goal.SCENARIO_NOT_RUN));
      return;
    }
    double change = (b.getAsDouble() - a.getAsDouble()) / a.getAsDouble();
    goals.add(Goal.atMost(goal, target, OptionalDouble.of(Math.abs(change)), RSS_FLATNESS,
        Goal.Unit.SHARE, String.format(Locale.ROOT, "%+.1f%% (%.0f → %.0f MiB)", change * 100, a.getAsDouble(),
            b.getAsDouble())));
  }

  private void resume() {
    String resent = "Resume: bytes re-sent";
    String wall = "Resume: wall time vs uninterrupted";
    String resentTarget = "≤ " + (int) MAX_RESENT_MIB + " MiB";
    String wallTarget = "≤ " + RESUME_WALL_RATIO + "×";
    OptionalDouble mib = median(ResumeTrials.SECTION, ResumeTrials.INTERRUPTED,
        ResumeTrials.RESENT_MIB);
    OptionalDouble cut = median(ResumeTrials.SECTION, ResumeTrials.INTERRUPTED,
        ResumeTrials.WALL_SECONDS);
    OptionalDouble whole = median(ResumeTrials.SECTION, ResumeTrials.UNINTERRUPTED,
        ResumeTrials.WALL_SECONDS);
    if (mib.isEmpty() || cut.isEmpty() || whole.isEmpty()) {
      goals.add(Goal.notMeasured(resent, resentTarget, Goal.SCENARIO_NOT_RUN));
      goals.add(Goal.notMeasured(wall, wallTarget, Goal.SCENARIO_NOT_RUN));
      return;
    }
    goals.add(Goal.atMost(resent, resentTarget, mib, MAX_RESENT_MIB, Goal.Unit.MIB,
        String.format(Locale.ROOT, "%.1f MiB", mib.getAsDouble())));
    double r = cut.getAsDouble() / whole.getAsDouble();
    goals.add(Goal.atMost(wall, wallTarget, OptionalDouble.of(r), RESUME_WALL_RATIO,
        Goal.Unit.TIMES, String.format(Locale.ROOT, "%.2f× (%.2f vs %.2f s)", r, cut.getAsDouble(),
            whole.getAsDouble())));
  }

  private void smallFiles() {
    for (String transport : ctx.options.transports()) {
      for (int concurrency : ctx.options.smallConcurrency()) {
        String row = WarmTrials.smallFilesRow(transport, concurrency);
        OptionalDouble perSecond = median(WarmTrials.SMALL_FILES_SECTION, row,
            WarmTrials.PER_SECOND);
        goals.add(Goal.atLeast("Small files, " + row, "≥ " + (int) MIN_SMALL_FILES_PER_SECOND
            + " transfers/s", perSecond, MIN_SMALL_FILES_PER_SECOND, Goal.Unit.PER_SECOND,
            perSecond.isPresent()
            ? String.format(Locale.ROOT, "%.0f/s", perSecond.getAsDouble()) : "—"));
      }
    }
  }

  private void firstByte() {
    for (String transport : ctx.options.transports()) {
      OptionalDouble ms = median(WarmTrials.FIRST_BYTE_SECTION, transport, WarmTrials.MS);
      goals.add(Goal.atMost("First byte, warm, " + transport, "≤ " + (int) MAX_FIRST_BYTE_MS
          + " ms", ms, MAX_FIRST_BYTE_MS, Goal.Unit.MS, ms.isPresent()
          ? String.format(Locale.ROOT, "%.1f ms", ms.getAsDouble()) : "—"));
    }
  }

  /** Throughput lost to SQLite resume stores (durable acknowledgements), with both sides' CPU. */
  private void durableAcks() {
    String transport = ctx.options.transports().get(0);
    String goal = "Durable acks, " + transport + ", " + ThroughputTrials.DURABLE_LANES
        + " lanes, file: throughput cost";
    String target = "≤ " + Math.round(MAX_DURABLE_COST * 100) + "%";
    String plainRow = ThroughputTrials.durableRow(transport, false);
    String durableRow = ThroughputTrials.durableRow(transport, true);
    OptionalDouble plain = median(ThroughputTrials.DURABLE_SECTION, plainRow,
        CopyOutcome.MB_PER_SEC);
    OptionalDouble durable = median(ThroughputTrials.DURABLE_SECTION, durableRow,
        CopyOutcome.MB_PER_SEC);
    if (plain.isEmpty() || durable.isEmpty()) {
      goals.add(Goal.notMeasured(goal, target, Goal.SCENARIO_NOT_RUN));
      return;
    }
    double cost = 1 - durable.getAsDouble() / plain.getAsDouble();
    goals.add(Goal.atMost(goal, target, OptionalDouble.of(cost), MAX_DURABLE_COST,
        Goal.Unit.SHARE, String.format(Locale.ROOT,
            "%+.1f%% (%.1f vs %.1f MB/s; CPU s sender %s, receiver %s)", cost * 100,
            durable.getAsDouble(), plain.getAsDouble(), cpu(durableRow, plainRow,
                CopyOutcome.SENDER_CPU), cpu(durableRow, plainRow, CopyOutcome.RECEIVER_CPU))));
  }

  private String cpu(String durableRow, String plainRow, String column) {
    OptionalDouble durable = median(ThroughputTrials.DURABLE_SECTION, durableRow, column);
    OptionalDouble plain = median(ThroughputTrials.DURABLE_SECTION, plainRow, column);
    return String.format(Locale.ROOT, "%.1f vs %.1f", durable.orElse(Double.NaN),
        plain.orElse(Double.NaN));
  }

  private OptionalDouble median(String section, String row, String column) {
    return results.summary(section, row, column).map(s -> OptionalDouble.of(s.median()))
        .orElse(OptionalDouble.empty());
  }
}
