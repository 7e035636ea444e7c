package dev.shade.bench.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 6: Shade (4 lanes, file-to-file, each transport) and scp through the same {@link
 * LinkEmulator}, at the run's round trip and rate.
 */
final class LinkTrials {
  static final String SECTION = "6. Through the link emulator";
  static final int LANES = 4;

  private LinkTrials() {}

  static LinkEmulator emulator(BenchOptions options, int targetPort) throws IOException {
    return LinkEmulator.start(targetPort, Duration.ofMillis(options.linkRttMs()),
        options.linkMbit() * 1_000_000L);
  }

  static List<Trial> trials(RunContext ctx, PeerTrials peers) {
    BenchOptions o = ctx.options;
    List<Trial> trials = new ArrayList<>();
    if (!o.runs("link")) {
      return trials;
    }
    ctx.results.note(SECTION, o.linkRttMs() + " ms round trip (" + o.linkRttMs() / 2.0
        + " ms each way), " + o.linkMbit() + " Mbit/s each way shared by all connections, a"
        + " bottleneck queue of one round trip at that rate; a TCP proxy in the harness (the"
        + " kernel has no netem). " + BenchOptions.size(o.sizeBytes()) + " file, fresh JVMs;"
        + " columns as in section 1.");
    for (String transport : o.transports()) {
      String row = ThroughputTrials.row(transport, LANES, false);
      trials.add(ShadePair.trial(ctx, "6. " + row, SECTION, row,
          ShadePair.Spec.of(o.sizeBytes(), transport, LANES).throughLink()));
    }
    trials.add(peers.linkTrial());
    return trials;
  }
}
