package dev.shade.bench;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import dev.shade.transfer.IncomingTransfer;
import dev.shade.transfer.Output;
import dev.shade.transfer.Shade;
import dev.shade.transfer.TransferListener;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.spi.ResumeStore;
import dev.shade.transport.http.ControlServer;
import dev.shade.transport.http.TransferRoutes;
import dev.shade.transport.http.TransferServer;
import dev.shade.transport.ws.WsRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code receive}: a node on {@code 127.0.0.1}, taking chunks over HTTP and WebSocket alike, that
 * accepts every stream into {@code --out FILE} (a second stream lands in {@code FILE (1)}, never
 * overwriting), into the folder {@code --inbox DIR}, or discards it ({@code --discard}); prints
 * {@code listening}, then one {@code received} or {@code failed} line per stream; exits after
 * {@code --count} streams, or runs until killed when the count is 0. A discarded stream's line
 * says when its first plaintext byte arrived ({@code firstByteAtMicros}, epoch microseconds).
 * {@code --resume-state FILE} keeps stream state in a SQLite resume store, so that a receiver
 * restarted with the same {@code --state} and {@code --resume-state} continues its streams. {@code
 * --chunk-lines} prints a {@code chunkWritten} line per new chunk written (before it is durable).
 *
 * <p>{@code --discard} accepts into an in-order channel output that drops the bytes, so the stream
 * is still verified (lane and overall SHA-256 computed in order). An in-order output suits
 * round-robin streams: a RANGE stream's lanes start far apart, so all but the first wait in the
 * bounded reorder buffer and the transfer runs at about one lane's speed. Pair it with {@code send
 * --partition round-robin}.
 */
final class ReceiveRole {
  static final Set<String> VALUED = Set.of("--port", "--host", "--address", "--out", "--count",
      "--state", "--inbox", "--resume-state");
  static final Set<String> FLAGS = Set.of("--discard", "--chunk-lines");

  private ReceiveRole() {}

  static int run(ProcessArgs args) throws Exception {
    if (Stream.of("--out", "--inbox", "--discard").filter(args::has).count() != 1) {
      throw new ProcessArgs.UsageException(
          "receive needs exactly one of --out FILE, --inbox DIR and --discard");
    }
    if (!args.positional().isEmpty()) {
      throw new ProcessArgs.UsageException("receive takes no file argument: " + args.positional());
    }
    int count = args.intValue("--count", 0);
    if (count < 0) {
      throw new ProcessArgs.UsageException("--count must be 0 (until killed) or more: " + count);
    }
    PeerAddress address = PeerAddress.parse(args.get("--address", "bob.1"));
    String host = args.get("--host", "127.0.0.1");
    Vertx vertx = Vertx.vertx();
    Shade.Builder builder = Shade.builder().protocolStore(Nodes.store(args)).address(address);
    if (args.has("--chunk-lines")) {
      builder.listener(new TransferListener() {
        @Override
        public void chunkAcked(StreamId streamId, int laneId, long seq, int plaintextBytes,
            String transport) {
          JsonLines.printChunk("chunkWritten", laneId, seq, plaintextBytes);
        }
      });
    }
    Optional<ResumeStore> resumeStore = Nodes.resumeStore(args);
    resumeStore.ifPresent(builder::resumeStore);
    Shade shade = builder.build();
    CountDownLatch streams = new CountDownLatch(Math.max(1, count));
    AtomicInteger failures = new AtomicInteger();
    shade.onIncomingTransfer(incoming -> accept(incoming, args, streams, failures));
    Router routes = WsRoutes.mount(TransferRoutes.create(vertx, shade), vertx,
        shade.chunkReceiver());
    ControlServer server = Nodes.await(TransferServer.start(vertx, routes, host,
        args.intValue("--port", 0)));
    JsonLines.print(new JsonObject().put("event", "listening")
        .put("baseUrl", server.baseUri().toString()).put("address", address.toString()));
    if (count == 0) {
      new CountDownLatch(1).await();
    }
    streams.await();
    Nodes.await(server.close());
    shade.close();
    resumeStore.ifPresent(ResumeStore::close);
    Nodes.await(vertx.close());
    return failures.get() == 0 ? 0 : 1;
  }

  private static void accept(IncomingTransfer incoming, ProcessArgs args, CountDownLatch streams,
      AtomicInteger failures) {
    DiscardingChannel discard = new DiscardingChannel();
    Output output = args.has("--discard") ? Output.channel(discard)
        : args.has("--inbox") ? Output.inbox(Path.of(args.required("--inbox")))
        : Output.file(Path.of(args.required("--out")));
    try {
      incoming.accept(output).whenComplete((result, error) -> {
        if (error == null) {
          JsonObject line = received(result);
          discard.firstByteAt().ifPresent(at -> line.put("firstByteAtMicros",
              JsonLines.epochMicros(at)));
          JsonLines.print(line);
        } else {
          failed(incoming, error, failures);
        }
        streams.countDown();
      });
    } catch (RuntimeException e) {
      failed(incoming, e, failures);
      streams.countDown();
      throw e;
    }
  }

  private static void failed(IncomingTransfer incoming, Throwable error, AtomicInteger failures) {
    failures.incrementAndGet();
    Throwable cause = TransferProcess.unwrap(error);
    JsonLines.print(ProcessStats.now().addTo(new JsonObject().put("event", "failed")
        .put("streamId", incoming.streamId().toBase64Url())
        .put("type", cause.getClass().getName())
        .put("message", String.valueOf(cause.getMessage()))));
  }

  private static JsonObject received(TransferResult result) {
    JsonObject line = new JsonObject().put("event", "received")
        .put("streamId", result.streamId().toBase64Url()).put("sha256", result.sha256())
        .put("bytes", result.bytes()).put("durationMs", result.durationMs());
    result.path().ifPresent(p -> line.put("path", p.toString()));
    return ProcessStats.now().addTo(line);
  }
}
