package dev.shade.bench.harness;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One Shade transfer between a fresh receiving JVM and a fresh sending JVM, each under {@code
 * /usr/bin/time -v}, on loopback or through a {@link LinkEmulator}, with or without resume
 * stores. The receiver writes the file (verified, then moved into place) or discards it; then the
 * SHA-256 both report is checked against the source's.
 *
 * <p>MB/s is 10^6 bytes per second over the sender's engine duration: from {@code upload()}'s
 * stream-init (first contact's session set-up included) until the receiver verified every lane and
 * the whole file. "wall MB/s" divides by the sending JVM's whole life instead (JVM start, node
 * set-up and shutdown included).
 */
final class ShadePair {
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * What to send how: a file of {@code sizeBytes} into a file, or into a discarding receiver (a
   * round-robin stream: in-order output); directly or through the link emulator; with or without
   * SQLite resume stores on both sides ({@code --resume-state}: durable acknowledgements).
   */
  record Spec(long sizeBytes, String transport, int lanes, boolean discard, boolean viaLink,
      boolean durable) {
    /** File to file on loopback, no resume stores. */
    static Spec of(long sizeBytes, String transport, int lanes) {
      return new Spec(sizeBytes, transport, lanes, false, false, false);
    }

    Spec discarding(boolean discard) {
      return new Spec(sizeBytes, transport, lanes, discard, viaLink, durable);
    }

    Spec throughLink() {
      return new Spec(sizeBytes, transport, lanes, discard, true, durable);
    }

    Spec withResumeStores() {
      return new Spec(sizeBytes, transport, lanes, discard, viaLink, true);
    }
  }

  private ShadePair() {}

  /** A trial of one transfer of {@code spec}, recorded under {@code section} and {@code row}. */
  static Trial trial(RunContext ctx, String name, String section, String row, Spec spec) {
    return Trial.of(name, round -> {
      CopyOutcome outcome = transfer(ctx, spec);
      outcome.record(ctx.results, section, row);
      return outcome.summary();
    });
  }

  static CopyOutcome transfer(RunContext ctx, Spec spec) throws Exception {
    Workspace.Source source = ctx.workspace.source(spec.sizeBytes());
    Path folder = ctx.workspace.fresh("received");
    Files.createDirectories(folder);
    Path target = folder.resolve("received.bin");
    List<String> receive = new ArrayList<>(List.of("receive", "--port", "0", "--address", "bob.1",
        "--count", "1"));
    receive.addAll(spec.discard() ? List.of("--discard") : List.of("--out", target.toString()));
    if (spec.durable()) {
      receive.addAll(List.of("--resume-state", folder.resolve("receiver-resume.db").toString()));
    }
    try (Child receiver = ctx.startNode("receiver", true, receive)) {
      String baseUrl = receiver.await("listening", START_TIMEOUT).getString("baseUrl");
      try (LinkEmulator link = spec.viaLink() ? LinkTrials.emulator(ctx.options, port(baseUrl)) : null) {
        String url = link == null ? baseUrl : withPort(baseUrl, link.port());
        try (Child sender = ctx.startNode("sender", true,
            sendArgs(ctx, spec, source, url, folder))) {
          Duration timeout = RunContext.transferTimeout(source.bytes());
          JsonObject result = sender.await("result", timeout);
          sender.awaitSuccess(START_TIMEOUT);
          JsonObject received = receiver.await("received", START_TIMEOUT);
          receiver.awaitSuccess(START_TIMEOUT);
          check(spec, source, result, received, target);
          double megabytes = source.bytes() / 1e6;
          return new CopyOutcome(megabytes / (result.getLong("durationMs") / 1e3),
              megabytes / sender.wallSeconds(), CopyOutcome.usageOf(sender, result),
              Optional.of(CopyOutcome.usageOf(receiver, received)));
        }
      }
    } finally {
      Workspace.deleteTree(folder);
    }
  }

  private static List<String> sendArgs(RunContext ctx, Spec spec, Workspace.Source source,
      String url, Path folder) {
    List<String> send = new ArrayList<>(List.of("send", "--to", url, "--address-of-peer", "bob.1",
        "--lanes", String.valueOf(spec.lanes()), "--chunk-size",
        String.valueOf(ctx.options.chunkSizeBytes()), "--transport", spec.transport()));
    if (spec.discard()) {
      send.addAll(List.of("--partition", "round-robin"));
    }
    if (spec.durable()) {
      send.addAll(List.of("--resume-state", folder.resolve("sender-resume.db").toString()));
    }
    send.add(source.path().toString());
    return send;
  }

  private static void check(Spec spec, Workspace.Source source, JsonObject result,
      JsonObject received, Path target) throws Exception {
    String expected = source.sha256();
    if (!expected.equals(result.getString("sha256"))
        || !expected.equals(received.getString("sha256"))) {
      throw new IllegalStateException("sha256 mismatch: source " + expected + ", sent "
          + result.getString("sha256") + ", received " + received.getString("sha256"));
    }
    if (!spec.discard() && Files.size(target) != source.bytes()) {
      throw new IllegalStateException(target + " has " + Files.size(target) + " bytes, not "
          + source.bytes());
    }
  }

  static int port(String url) {
    return URI.create(url).getPort();
  }

  static String withPort(String url, int port) {
    URI u = URI.create(url);
    return u.getScheme() + "://" + u.getHost() + ":" + port + u.getRawPath();
  }
}
