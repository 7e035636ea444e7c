package dev.shade.bench;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.Input;
import dev.shade.transfer.Peer;
import dev.shade.transfer.Shade;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import dev.shade.transfer.spi.PeerDirectory;
import dev.shade.transfer.spi.ChunkTransportFactory;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code send}: a node without a server of its own that uploads one file to the receiver at {@code
 * --to} and prints one {@code result} line: the verified SHA-256, bytes, the engine's duration
 * (from stream-init to the receiver's verified finish) and the throughput in MB/s (10^6 bytes per
 * second) over that duration. {@code --partition round-robin} sends the file as a stream of
 * unknown size (the partition for in-order outputs such as {@code receive --discard}). {@code
 * --transport ws} sends the chunks over one WebSocket instead of one HTTP request each.
 */
final class SendRole {
  static final Set<String> VALUED = Set.of("--to", "--address-of-peer", "--address", "--lanes",
      "--chunk-size", "--window", "--timeout-seconds", "--state", "--partition", "--repeat",
      "--transport");
  static final Set<String> FLAGS = Set.of();

  private SendRole() {}

  static int run(ProcessArgs args) throws Exception {
    List<String> files = args.positional();
    if (files.size() != 1) {
      throw new ProcessArgs.UsageException("send needs exactly one FILE, got " + files);
    }
    Path file = Path.of(files.get(0));
    if (!Files.isRegularFile(file)) {
      throw new ProcessArgs.UsageException("not a regular file: " + file);
    }
    Peer peer = new Peer(PeerAddress.parse(args.required("--address-of-peer")),
        URI.create(args.required("--to")));
    Upload upload = Upload.to(peer).input(input(file, args.get("--partition", "range")))
        .lanes(args.intValue("--lanes", Upload.DEFAULT_LANES))
        .chunkSizeBytes(args.intValue("--chunk-size", Upload.DEFAULT_CHUNK_SIZE_BYTES))
        .window(args.intValue("--window", Upload.DEFAULT_WINDOW)).build();
    int timeoutSeconds = args.intValue("--timeout-seconds", 600);
    Vertx vertx = Vertx.vertx();
    PeerDirectory peers = new PeerDirectory();
    Shade shade = Shade.builder().protocolStore(Nodes.store(args))
        .address(PeerAddress.parse(args.get("--address", "alice.1"))).peers(peers)
        .controlTransport(HttpControlTransport.create(vertx, peers::baseUrl, Duration.ofSeconds(30)))
        .transports(transport(vertx, args.get("--transport", HttpChunkTransport.NAME))).build();
    try {
      int repeat = args.intValue("--repeat", 1);
      for (int i = 0; i < repeat; i++) {
        Upload round = i == 0 ? upload : Upload.to(peer)
            .input(input(file, args.get("--partition", "range"))).lanes(upload.lanes())
            .chunkSizeBytes(upload.chunkSizeBytes()).window(upload.window()).build();
        TransferResult result = shade.upload(round).done().get(timeoutSeconds, TimeUnit.SECONDS);
        JsonLines.print(ProcessStats.now().addTo(resultLine(result)));
      }
      return 0;
    } finally {
      shade.close();
      Nodes.await(vertx.close());
    }
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
