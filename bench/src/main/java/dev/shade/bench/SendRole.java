package dev.shade.bench;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.Input;
import dev.shade.transfer.Peer;
import dev.shade.transfer.Shade;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import dev.shade.transfer.UploadHandle;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.PeerDirectory;
import dev.shade.transfer.spi.ResumeStore;
import dev.shade.transport.http.HttpChunkTransport;
import dev.shade.transport.http.HttpControlTransport;
import dev.shade.transport.ws.WsChunkTransport;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code send}: a node without a server of its own that uploads to the receiver at {@code --to}
 * and prints one {@code result} line per upload: the verified SHA-256, bytes, the engine's duration
 * (from stream-init to the receiver's verified finish), the throughput in MB/s (10^6 bytes per
 * second) over that duration, when {@code upload()} was called ({@code uploadAtMicros}, epoch
 * microseconds, comparable with the receiver's {@code firstByteAtMicros} on the same machine) and
 * the plaintext bytes of every chunk that reached the receiver, re-sends included ({@code
 * sentPlaintextBytes}, from {@code TransferListener.chunkSent}).
 *
 * <p>What it uploads: {@code FILE}, {@code --repeat N} times, or every regular file in {@code
 * --files DIR} once, {@code --concurrency N} at a time, after {@code --warm-up N} uploads of the
 * first one (marked {@code "warmUp":true}); a final {@code batch} line gives the uploads per second
 * after the warm-up. {@code --partition round-robin} sends a file as a stream of unknown size (the
 * partition for in-order outputs such as {@code receive --discard}). {@code --transport ws} sends
 * the chunks over one WebSocket instead of one HTTP request each. {@code --progress} prints a
 * {@code progress} line per whole percent acknowledged, {@code --chunk-lines} a {@code chunkSent}
 * line per chunk that reached the receiver. {@code --resume-state FILE} keeps stream state in a
 * SQLite resume store.
 */
final class SendRole {
  static final Set<String> VALUED = Set.of("--to", "--address-of-peer", "--address", "--lanes",
      "--chunk-size", "--window", "--timeout-seconds", "--state", "--partition", "--repeat",
      "--transport", "--files", "--concurrency", "--warm-up", "--resume-state");
  static final Set<String> FLAGS = Set.of("--progress", "--chunk-lines");

  private SendRole() {}

  static int run(ProcessArgs args) throws Exception {
    List<Path> files = inputs(args);
    List<Path> measured = measured(files, args);
    Peer peer = new Peer(PeerAddress.parse(args.required("--address-of-peer")),
        URI.create(args.required("--to")));
    Vertx vertx = Vertx.vertx();
    PeerDirectory peers = new PeerDirectory();
    SendTally tally = new SendTally(args.has("--progress"), args.has("--chunk-lines"));
    Shade.Builder builder = Shade.builder().protocolStore(Nodes.store(args))
        .address(PeerAddress.parse(args.get("--address", "alice.1"))).peers(peers)
        .controlTransport(HttpControlTransport.create(vertx, peers::baseUrl, Duration.ofSeconds(30)))
        .transports(transport(vertx, args.get("--transport", HttpChunkTransport.NAME)))
        .listener(tally);
    Optional<ResumeStore> resumeStore = Nodes.resumeStore(args);
    resumeStore.ifPresent(builder::resumeStore);
    Shade shade = builder.build();
    try {
      Sender sender = new Sender(shade, peer, args, tally);
      for (int i = 0; i < args.intValue("--warm-up", 0); i++) {
        JsonLines.print(sender.send(files.get(0)).put("warmUp", true));
      }
      sender.sendAll(measured, args.intValue("--concurrency", 1));
      return 0;
    } finally {
      shade.close();
      resumeStore.ifPresent(ResumeStore::close);
      Nodes.await(vertx.close());
    }
  }

  /** {@code FILE}, or the regular files in {@code --files DIR} in name order. */
  private static List<Path> inputs(ProcessArgs args) throws IOException {
    List<String> positional = args.positional();
    if (args.has("--files")) {
      if (!positional.isEmpty()) {
        throw new ProcessArgs.UsageException("send takes FILE or --files DIR, not both");
      }
      try (Stream<Path> listing = Files.list(Path.of(args.required("--files")))) {
        List<Path> files = listing.filter(Files::isRegularFile).sorted()
            .collect(Collectors.toList());
        if (files.isEmpty()) {
          throw new ProcessArgs.UsageException("no regular file in " + args.required("--files"));
        }
        return files;
      }
    }
    if (positional.size() != 1) {
      throw new ProcessArgs.UsageException("send needs exactly one FILE, got " + positional);
    }
    Path file = Path.of(positional.get(0));
    if (!Files.isRegularFile(file)) {
      throw new ProcessArgs.UsageException("not a regular file: " + file);
    }
    return List.of(file);
  }

  private static List<Path> measured(List<Path> files, ProcessArgs args) {
    int repeat = args.intValue("--repeat", 1);
    if (repeat < 1 || args.intValue("--concurrency", 1) < 1 || args.intValue("--warm-up", 0) < 0) {
      throw new ProcessArgs.UsageException("--repeat and --concurrency must be 1 or more,"
          + " --warm-up 0 or more");
    }
    List<Path> all = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      all.addAll(files);
    }
    return all;
  }

  /** {@code http} (one POST per chunk) or {@code ws} (one WebSocket for every chunk). */
  private static ChunkTransportFactory transport(Vertx vertx, String name) {
    switch (name) {
      case HttpChunkTransport.NAME:
        return HttpChunkTransport.factory(vertx);
      case WsChunkTransport.NAME:
        return WsChunkTransport.factory(vertx);
      default:
        throw new ProcessArgs.UsageException("--transport must be http or ws: " + name);
    }
  }

  /** Uploads files one by one or several at a time, printing a line per upload. */
  private static final class Sender {
    private final Shade shade;
    private final Peer peer;
    private final ProcessArgs args;
    private final SendTally tally;
    private final int timeoutSeconds;

    Sender(Shade shade, Peer peer, ProcessArgs args, SendTally tally) {
      this.shade = shade;
      this.peer = peer;
      this.args = args;
      this.tally = tally;
      this.timeoutSeconds = args.intValue("--timeout-seconds", 600);
    }

    void sendAll(List<Path> files, int concurrency) throws Exception {
      ExecutorService pool = Executors.newFixedThreadPool(concurrency);
      try {
        long startNanos = System.nanoTime();
        List<Future<JsonObject>> lines = new ArrayList<>();
        for (Path file : files) {
          lines.add(pool.submit(() -> JsonLines.printed(send(file))));
        }
        for (Future<JsonObject> line : lines) {
          line.get();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        JsonLines.print(ProcessStats.now().addTo(new JsonObject().put("event", "batch")
            .put("uploads", files.size()).put("concurrency", concurrency)
            .put("seconds", Math.round(seconds * 1e6) / 1e6)
            .put("perSecond", Math.round(files.size() / seconds * 10) / 10.0)));
      } finally {
        pool.shutdownNow();
      }
    }

    JsonObject send(Path file) throws Exception {
      Upload upload = Upload.to(peer).input(input(file, args.get("--partition", "range")))
          .lanes(args.intValue("--lanes", Upload.DEFAULT_LANES))
          .chunkSizeBytes(args.intValue("--chunk-size", Upload.DEFAULT_CHUNK_SIZE_BYTES))
          .window(args.intValue("--window", Upload.DEFAULT_WINDOW)).build();
      Instant at = Instant.now();
      long startNanos = System.nanoTime();
      UploadHandle handle = shade.upload(upload);
      TransferResult result = handle.done().get(timeoutSeconds, TimeUnit.SECONDS);
      long uploadMicros = (System.nanoTime() - startNanos) / 1000;
      JsonObject line = resultLine(result).put("uploadAtMicros", JsonLines.epochMicros(at))
          .put("uploadMs", uploadMicros / 1000.0);
      line.put("sentPlaintextBytes", tally.sentBytes(handle.streamId()));
      return ProcessStats.now().addTo(line);
    }
  }

  /**
   * RANGE reads the file by position, one range per lane; round-robin reads it once, in order, as
   * a channel of unknown size.
   */
  private static Input input(Path file, String partition) throws IOException {
    switch (partition) {
      case "range":
        return Input.file(file);
      case "round-robin":
        return Input.channel(FileChannel.open(file, StandardOpenOption.READ));
      default:
        throw new ProcessArgs.UsageException("--partition must be range or round-robin: "
            + partition);
    }
  }

  private static JsonObject resultLine(TransferResult result) {
    double seconds = Math.max(1, result.durationMs()) / 1000.0;
    double mbPerSec = result.bytes() / 1e6 / seconds;
    return new JsonObject().put("event", "result").put("streamId", result.streamId().toBase64Url())
        .put("sha256", result.sha256()).put("bytes", result.bytes())
        .put("durationMs", result.durationMs()).put("mbPerSec", Math.round(mbPerSec * 10) / 10.0)
        .put("transport", result.transport());
  }
}
