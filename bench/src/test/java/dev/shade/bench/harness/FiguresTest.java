package dev.shade.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** How the harness turns what it ran into figures: statistics, parsers, the bound, goals, options. */
class FiguresTest {
  @Test
  void summaryTakesTheMiddleOrTheMeanOfTheMiddleTwo() {
    assertEquals(new Summary(1, 3, 9, 3), Summary.of(List.of(9.0, 1.0, 3.0)));
    assertEquals(new Summary(1, 2.5, 4, 4), Summary.of(List.of(4.0, 2.0, 3.0, 1.0)));
  }

  @Test
  void timeReportGivesUserPlusSystemSecondsAndPeakRssInMebibytes() {
    String report = "\tCommand being timed: \"cp a b\"\n\tUser time (seconds): 1.25\n"
        + "\tSystem time (seconds): 0.50\n\tMaximum resident set size (kbytes): 163840\n";
    Usage usage = Usage.parseTimeReport(report);
    assertEquals(1.75, usage.cpuSeconds(), 1e-9);
    assertEquals(160, usage.peakRssMib(), 1e-9);
    assertThrows(IllegalArgumentException.class, () -> Usage.parseTimeReport("nothing"));
  }

  @Test
  void opensslMachineReadableOutputGivesBytesPerSecond() {
    List<String> out = List.of("+DT:AES-256-GCM:1:1048576", "+R:1917:AES-256-GCM:0.710000",
        "+H:1048576", "+F:25:AES-256-GCM:2831155200.00");
    assertEquals(2_831_155_200.0, PeerTrials.machineReadableBytesPerSecond(out), 1e-3);
  }

  @Test
  void reSentBytesAreChunksTheKilledReceiverWroteThatReachedTheRestartedOne() {
    ResumeTrials.Outage outage = ResumeTrials.Outage.of(1_000, 5_000, List.of(
        "{\"event\":\"listening\"}",
        "{\"event\":\"chunkWritten\",\"lane\":0,\"seq\":7,\"bytes\":1048576,\"atMicros\":900}",
        "{\"event\":\"chunkWritten\",\"lane\":1,\"seq\":7,\"bytes\":1048576,\"atMicros\":950}"));
    List<String> sender = List.of(
        "{\"event\":\"chunkSent\",\"lane\":1,\"seq\":7,\"bytes\":1048576,\"atMicros\":960}",
        "{\"event\":\"progress\",\"percent\":50,\"atMicros\":970}",
        "{\"event\":\"chunkSent\",\"lane\":0,\"seq\":7,\"bytes\":1048576,\"atMicros\":6000}",
        "{\"event\":\"chunkSent\",\"lane\":0,\"seq\":8,\"bytes\":1048576,\"atMicros\":6100}",
        "{\"event\":\"chunkSent\",\"lane\":1,\"seq\":7,\"bytes\":1048576,\"atMicros\":6200}");
    assertEquals(2 * 1048576, outage.resentBytes(sender));
    assertEquals(0.004, outage.downSeconds(), 1e-9);
  }

  @Test
  void cryptoBoundOnTwoCoresIsOneOverTwoShaPassesAndOneAesPass() {
    assertEquals(437.4, Goals.cryptoBoundMbPerSec(1039, 2767, 2), 0.1);
    assertEquals(874.8, Goals.cryptoBoundMbPerSec(1039, 2767, 4), 0.1);
  }

  @Test
  void goalsSayMetOrByHowMuchTheyMissed() {
    assertEquals("met", Goal.atLeast("g", "≥ 1.1×", OptionalDouble.of(1.2), 1.1,
        Goal.Unit.TIMES, "1.20×").status());
    assertEquals("missed by 0.22× (20.0% under the target)", Goal.atLeast("g", "≥ 1.1×",
        OptionalDouble.of(0.88), 1.1, Goal.Unit.TIMES, "0.88×").status());
    assertEquals("missed by 40.0 MiB (25.0% over the target)", Goal.atMost("g", "≤ 160 MiB",
        OptionalDouble.of(200), 160, Goal.Unit.MIB, "200 MiB").status());
    assertEquals("missed by 5.0 points", Goal.atMost("g", "within 10%", OptionalDouble.of(0.15),
        0.10, Goal.Unit.SHARE, "+15%").status());
    assertEquals("not measured: scenario not run", Goal.atMost("g", "≤ 30 ms",
        OptionalDouble.empty(), 30, Goal.Unit.MS, "—").status());
  }

  @Test
  void durableAcksCostIsTheThroughputLostToResumeStoresWithBothSidesCpu() {
    Results results = new Results();
    String plain = ThroughputTrials.durableRow("http", false);
    String durable = ThroughputTrials.durableRow("http", true);
    for (double[] sample : new double[][] {{100, 9, 10, 94, 9.5, 10.5}, {90, 9, 10, 80, 9.5,
        10.5}, {110, 9, 10, 96, 9.5, 10.5}}) {
      results.add(ThroughputTrials.DURABLE_SECTION, plain, CopyOutcome.MB_PER_SEC, sample[0]);
      results.add(ThroughputTrials.DURABLE_SECTION, plain, CopyOutcome.SENDER_CPU, sample[1]);
      results.add(ThroughputTrials.DURABLE_SECTION, plain, CopyOutcome.RECEIVER_CPU, sample[2]);
      results.add(ThroughputTrials.DURABLE_SECTION, durable, CopyOutcome.MB_PER_SEC, sample[3]);
      results.add(ThroughputTrials.DURABLE_SECTION, durable, CopyOutcome.SENDER_CPU, sample[4]);
      results.add(ThroughputTrials.DURABLE_SECTION, durable, CopyOutcome.RECEIVER_CPU,
          sample[5]);
    }
    RunContext ctx = new RunContext(BenchOptions.parse("--scenarios", "durable"), null, results);
    Goal goal = Goals.of(ctx).evaluate().stream()
        .filter(g -> g.goal().startsWith("Durable acks")).findFirst().orElseThrow();
    assertEquals("≤ 5%", goal.target());
    assertEquals("+6.0% (94.0 vs 100.0 MB/s; CPU s sender 9.5 vs 9.0, receiver 10.5 vs 10.0)",
        goal.measured());
    assertEquals("missed by 1.0 points", goal.status());
  }

  @Test
  void quickMakesEverythingSmallAndExplicitOptionsWin() {
    BenchOptions full = BenchOptions.parse();
    assertEquals(5, full.rounds());
    assertEquals(1L << 30, full.sizeBytes());
    assertEquals(List.of(256L << 20, 1L << 30, 4L << 30), full.memorySizes());
    BenchOptions quick = BenchOptions.parse("--rounds", "3", "--quick", "--scenarios", "cp,scp");
    assertEquals(3, quick.rounds());
    assertEquals(64L << 20, quick.sizeBytes());
    assertEquals(List.of("cp", "scp"), List.copyOf(quick.scenarios()));
    assertEquals(1536, BenchOptions.bytes("1536"));
    assertEquals(3L << 30, BenchOptions.bytes("3G"));
    assertEquals("1.5 KiB", BenchOptions.size(1536));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--scenarios", "warp"));
    assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--rounds"));
  }
}
