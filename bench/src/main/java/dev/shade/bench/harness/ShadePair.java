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
 * /usr/bin/time -v}, on loopback or through a {@link LinkEmulator}. The receiver writes the file
 * (verified, then moved into place) or discards it; then the SHA-256 both report is checked against
 * the source's.
 *
 * <p>MB/s is 10^6 bytes per second over the sender's engine duration: from {@code upload()}'s
 * stream-init (first contact's session set-up included) until the receiver verified every lane and
 * the whole file. "wall MB/s" divides by the sending JVM's whole life instead (JVM start, node
 * set-up and shutdown included).
 */
final class ShadePair {
  static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** What to send how: a discarding receiver takes a round-robin stream (in-order output). */
  record Spec(Workspace.Source source, String transport, int lanes, boolean discard,
      boolean viaLink) {}

  private ShadePair() {}

  static CopyOutcome transfer(RunContext ctx, Spec spec) throws Exception {
    Path folder = ctx.workspace.fresh("received");
    Files.createDirectories(folder);
    Path target = folder.resolve("received.bin");
    List<String> receive = new ArrayList<>(List.of("receive", "--port", "0", "--address", "bob.1",
        "--count", "1"));
    receive.addAll(spec.discard() ? List.of("--discard") : List.of("--out", target.toString()));
    try (Child receiver = ctx.startNode("receiver", true, receive)) {
      String baseUrl = receiver.await("listening", START_TIMEOUT).getString("baseUrl");
      try (LinkEmulator link = spec.viaLink() ? LinkTrials.emulator(ctx.options, port(baseUrl)) : null) {
        String url = link == null ? baseUrl : withPort(baseUrl, link.port());
        try (Child sender = ctx.startNode("sender", true, sendArgs(ctx, spec, url))) {
          Duration timeout = RunContext.transferTimeout(spec.source().bytes());
          JsonObject result = sender.await("result", timeout);
          sender.awaitSuccess(START_TIMEOUT);
          JsonObject received = receiver.await("received", START_TIMEOUT);
          receiver.awaitSuccess(START_TIMEOUT);
          check(spec, result, received, target);
          double megabytes = spec.source().bytes() / 1e6;
          return new CopyOutcome(megabytes / (result.getLong("durationMs") / 1e3),
              megabytes / sender.wallSeconds(), CopyOutcome.usageOf(sender, result),
              Optional.of(CopyOutcome.usageOf(receiver, received)));
        }
      }
    } finally {
      Workspace.deleteTree(folder);
    }
  }

  private static List<String> sendArgs(RunContext ctx, Spec spec, String url) {
    List<String> send = new ArrayList<>(List.of("send", "--to", url, "--address-of-peer", "bob.1",
        "--lanes", String.valueOf(spec.lanes()), "--chunk-size",
        String.valueOf(ctx.options.chunkSizeBytes()), "--transport", spec.transport()));
    if (spec.discard()) {
      send.addAll(List.of("--partition", "round-robin"));
    }
    send.add(spec.source().path().toString());
    return send;
  }

  private static void check(Spec spec, JsonObject result, JsonObject received, Path target)
      throws Exception {
    String expected = spec.source().sha256();
    if (!expected.equals(result.getString("sha256"))
        || !expected.equals(received.getString("sha256"))) {
      throw new IllegalStateException("sha256 mismatch: source " + expected + ", sent "
          + result.getString("sha256") + ", received " + received.getString("sha256"));
    }
    if (!spec.discard() && Files.size(target) != spec.source().bytes()) {
      throw new IllegalStateException(target + " has " + Files.size(target) + " bytes, not "
          + spec.source().bytes());
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
