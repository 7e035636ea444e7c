package dev.shade.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenarios 1 and 2: Shade between fresh JVMs on loopback, file-to-file and into a discarding
 * sink, for every transport and lane count; and peak RSS of each side as the file grows.
 */
final class ThroughputTrials {
  static final String SECTION = "1. Throughput on loopback";
  static final String MEMORY_SECTION = "2. Memory flatness";
  static final int MEMORY_LANES = 4;

  private ThroughputTrials() {}

  static String row(String transport, int lanes, boolean discard) {
    return "Shade " + transport + ", " + lanes + (lanes == 1 ? " lane, " : " lanes, ")
        + (discard ? "discarding sink" : "file");
  }

  static List<Trial> trials(RunContext ctx) {
    BenchOptions o = ctx.options;
    List<Trial> trials = new ArrayList<>();
    if (!o.runs("throughput") && !o.runs("discard")) {
      return trials;
    }
    ctx.results.note(SECTION, BenchOptions.size(o.sizeBytes()) + " random file, "
        + BenchOptions.size(o.chunkSizeBytes()) + " chunks, fresh sender and receiver JVMs for"
        + " every transfer. Shade MB/s: 10^6 B/s from upload() (stream-init, first contact's"
        + " session set-up included) until the receiver verified every lane and the file; wall"
        + " MB/s: over the sending JVM's whole life. File: written to disk, fsynced, verified,"
        + " moved into place (RANGE partition). Discarding sink: verified in order and dropped"
        + " (ROUND_ROBIN partition).");
    for (String transport : o.transports()) {
      for (int lanes : o.lanes()) {
        for (boolean discard : new boolean[] {false, true}) {
          if (o.runs(discard ? "discard" : "throughput")) {
            trials.add(transfer(ctx, SECTION, row(transport, lanes, discard), o.sizeBytes(),
                transport, lanes, discard));
          }
        }
      }
    }
    return trials;
  }

  static List<Trial> memoryTrials(RunContext ctx) {
    BenchOptions o = ctx.options;
    List<Trial> trials = new ArrayList<>();
    if (!o.runs("memory")) {
      return trials;
    }
    String transport = o.transports().get(0);
    ctx.results.note(MEMORY_SECTION, "Shade " + transport + ", " + MEMORY_LANES + " lanes,"
        + " file-to-file, fresh JVMs, JVM options " + o.jvmOptions() + "; peak RSS from"
        + " /usr/bin/time -v (maximum resident set size).");
    for (long size : o.memorySizes()) {
      trials.add(transfer(ctx, MEMORY_SECTION, BenchOptions.size(size), size, transport,
          MEMORY_LANES, false));
    }
    return trials;
  }

  private static Trial transfer(RunContext ctx, String section, String row, long size,
      String transport, int lanes, boolean discard) {
    return Trial.of(section.substring(0, 2) + " " + row + " (" + BenchOptions.size(size) + ")",
        round -> {
          ShadePair.Spec spec = new ShadePair.Spec(ctx.workspace.source(size), transport, lanes,
              discard, false);
          CopyOutcome outcome = ShadePair.transfer(ctx, spec);
          outcome.record(ctx.results, section, row);
          return outcome.summary();
        });
  }
}
