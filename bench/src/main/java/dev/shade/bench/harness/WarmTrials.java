package dev.shade.bench.harness;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenarios 4 and 5, between two warm nodes (one sending and one receiving JVM for the whole
 * trial, after warm-up uploads): latency from {@code upload()} to the first plaintext byte at
 * the receiver, and small files per second.
 */
final class WarmTrials {
  static final String FIRST_BYTE_SECTION = "4. Latency to first byte (warm nodes)";
  static final String SMALL_FILES_SECTION = "5. Many small files (warm nodes)";
  static final String MS = "ms";
  static final String PER_SECOND = "transfers/s";
  static final int FIRST_BYTE_WARM_UP = 3;
  static final int SMALL_FILES_WARM_UP = 20;
  static final int LANES = 4;

  private WarmTrials() {}

  static String smallFilesRow(String transport, int concurrency) {
    return transport + ", " + (concurrency == 1 ? "one at a time" : concurrency + " at a time");
  }

  static List<Trial> trials(RunContext ctx) {
    BenchOptions o = ctx.options;
    List<Trial> trials = new ArrayList<>();
    if (o.runs("first-byte")) {
      ctx.results.note(FIRST_BYTE_SECTION, "From the sender's call to upload() to the first"
          + " plaintext byte written to the receiver's output (an in-order discarding channel),"
          + " both read from the system clock (one machine); " + o.firstByteUploads()
          + " uploads of a " + BenchOptions.size(o.firstByteBytes()) + " file per round, " + LANES
          + " lanes, round-robin, after " + FIRST_BYTE_WARM_UP + " warm-up uploads in the same"
          + " JVMs. Min/median/max over every upload of every round.");
      for (String transport : o.transports()) {
        trials.add(Trial.of("4. first byte " + transport, round -> firstByte(ctx, transport)));
      }
    }
    if (o.runs("small-files")) {
      ctx.results.note(SMALL_FILES_SECTION, o.smallFiles() + " files of "
          + BenchOptions.size(o.smallFileBytes()) + " each, from a folder into the receiver's"
          + " inbox folder (fsynced, verified, moved), after " + SMALL_FILES_WARM_UP + " warm-up"
          + " uploads in the same JVMs; transfers/s = files / seconds from the first upload()"
          + " until the last verified.");
      for (String transport : o.transports()) {
        for (int concurrency : o.smallConcurrency()) {
          String row = smallFilesRow(transport, concurrency);
          trials.add(Trial.of("5. small files " + row,
              round -> smallFiles(ctx, transport, concurrency, row)));
        }
      }
    }
    return trials;
  }

  private static String firstByte(RunContext ctx, String transport) throws Exception {
    BenchOptions o = ctx.options;
    Workspace.Source source = ctx.workspace.source(o.firstByteBytes());
    int uploads = o.firstByteUploads();
    List<String> receive = List.of("receive", "--port", "0", "--discard", "--count",
        String.valueOf(FIRST_BYTE_WARM_UP + uploads));
    List<String> send = List.of("--transport", transport, "--lanes", String.valueOf(LANES),
        "--partition", "round-robin", "--warm-up", String.valueOf(FIRST_BYTE_WARM_UP),
        "--repeat", String.valueOf(uploads), source.path().toString());
    Lines lines = pair(ctx, receive, send, RunContext.transferTimeout(source.bytes() * uploads));
    Map<String, Long> firstByteAt = new HashMap<>();
    for (JsonObject received : lines.receiver("received")) {
      firstByteAt.put(received.getString("streamId"), received.getLong("firstByteAtMicros"));
    }
    List<Double> ms = new ArrayList<>();
    for (JsonObject result : lines.sender("result")) {
      if (!result.getBoolean("warmUp", false)) {
        double latency = (firstByteAt.get(result.getString("streamId"))
            - result.getLong("uploadAtMicros")) / 1000.0;
        ctx.results.add(FIRST_BYTE_SECTION, transport, MS, latency);
        ms.add(latency);
      }
    }
    Summary s = Summary.of(ms);
    return String.format(Locale.ROOT, "first byte %.1f / %.1f / %.1f ms", s.min(), s.median(),
        s.max());
  }

  private static String smallFiles(RunContext ctx, String transport, int concurrency, String row)
      throws Exception {
    BenchOptions o = ctx.options;
    Path files = ctx.workspace.smallFiles(o.smallFiles(), o.smallFileBytes());
    Path inbox = ctx.workspace.fresh("inbox");
    Files.createDirectories(inbox);
    try {
      List<String> receive = List.of("receive", "--port", "0", "--inbox", inbox.toString(),
          "--count", String.valueOf(SMALL_FILES_WARM_UP + o.smallFiles()));
      List<String> send = List.of("--transport", transport, "--lanes", String.valueOf(LANES),
          "--warm-up", String.valueOf(SMALL_FILES_WARM_UP), "--concurrency",
          String.valueOf(concurrency), "--files", files.toString());
      Lines lines = pair(ctx, receive, send, RunContext.transferTimeout(0));
      double perSecond = lines.sender("batch").get(0).getDouble("perSecond");
      ctx.results.add(SMALL_FILES_SECTION, row, PER_SECOND, perSecond);
      return String.format(Locale.ROOT, "%.0f transfers/s", perSecond);
    } finally {
      Workspace.deleteTree(inbox);
    }
  }

  /** What a warm pair printed. */
  private record Lines(List<String> senderLines, List<String> receiverLines) {
    List<JsonObject> sender(String event) {
      return events(senderLines, event);
    }

    List<JsonObject> receiver(String event) {
      return events(receiverLines, event);
    }

    private static List<JsonObject> events(List<String> lines, String event) {
      List<JsonObject> found = new ArrayList<>();
      for (String line : lines) {
        if (line.startsWith("{")) {
          JsonObject json = new JsonObject(line);
          if (event.equals(json.getString("event"))) {
            found.add(json);
          }
        }
      }
      return found;
    }
  }

  /** Runs a receiver and a sender to their ends; {@code send} follows {@code --to} and the peer. */
  private static Lines pair(RunContext ctx, List<String> receive, List<String> send,
      Duration timeout) throws Exception {
    try (Child receiver = ctx.startNode("receiver", false, receive)) {
      String baseUrl = receiver.await("listening", ShadePair.START_TIMEOUT).getString("baseUrl");
      List<String> args = new ArrayList<>(List.of("send", "--to", baseUrl, "--address-of-peer",
          "bob.1"));
      args.addAll(send);
      try (Child sender = ctx.startNode("sender", false, args)) {
        sender.awaitSuccess(timeout);
        receiver.awaitSuccess(ShadePair.START_TIMEOUT);
        return new Lines(sender.lines(), receiver.lines());
      }
    }
  }
}
