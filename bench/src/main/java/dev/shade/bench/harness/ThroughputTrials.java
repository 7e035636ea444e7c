package dev.shade.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenarios 1, 2 and 8: Shade between fresh JVMs on loopback, file-to-file and into a discarding
 * sink, for every transport and lane count; peak RSS of each side as the file grows; and the
 * file-to-file transfer with and without durable resume stores.
 */
final class ThroughputTrials {
  static final String SECTION = "1. Throughput on loopback";
  static final String MEMORY_SECTION = "2. Memory flatness";
  static final String DURABLE_SECTION = "8. Durable acknowledgements (resume stores)";
  static final int MEMORY_LANES = 4;
  static final int DURABLE_LANES = 4;

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

  /**
   * Scenario 8: the same file-to-file transfer with and without SQLite resume stores on both
   * sides, one after the other in every round (A B A B): what durable acknowledgements cost.
   */
  static List<Trial> durableTrials(RunContext ctx) {
    BenchOptions o = ctx.options;
    if (!o.runs("durable")) {
      return List.of();
    }
    String transport = o.transports().get(0);
    ctx.results.note(DURABLE_SECTION, BenchOptions.size(o.sizeBytes()) + " random file, "
        + transport + ", " + DURABLE_LANES + " lanes, file to file, fresh JVMs, columns as in"
        + " section 1. With resume stores: receive and send --resume-state (a SQLite file each),"
        + " so the receiver acknowledges a chunk only once it is forced to the partial file and"
        + " the lanes' progress is committed (grouped commits); without: state in memory only."
        + " The two run back to back in every round.");
    ShadePair.Spec plain = ShadePair.Spec.of(o.sizeBytes(), transport, DURABLE_LANES);
    return List.of(
        ShadePair.trial(ctx, "8. " + durableRow(transport, false), DURABLE_SECTION,
            durableRow(transport, false), plain),
        ShadePair.trial(ctx, "8. " + durableRow(transport, true), DURABLE_SECTION,
            durableRow(transport, true), plain.withResumeStores()));
  }

  static String durableRow(String transport, boolean durable) {
    return row(transport, DURABLE_LANES, false)
        + (durable ? ", SQLite resume stores" : ", no resume store");
  }

  private static Trial transfer(RunContext ctx, String section, String row, long size,
      String transport, int lanes, boolean discard) {
    return ShadePair.trial(ctx, section.substring(0, 2) + " " + row + " ("
        + BenchOptions.size(size) + ")", section, row,
        ShadePair.Spec.of(size, transport, lanes).discarding(discard));
  }
}
