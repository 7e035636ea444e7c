package dev.shade.cli;

import dev.shade.transfer.spi.ChunkTransportFactory;
import io.vertx.core.Vertx;
import picocli.CommandLine.Option;

/** How chunks leave a sending node: the options {@code send} and {@code resume} share. */
final class ChunkOptions {
  @Option(names = "--transport", paramLabel = "auto|http|ws", defaultValue = "auto",
      description = "How chunks travel: ws (one WebSocket to the receiver), http (one request"
          + " per chunk), or auto (default): ws, moving to http when the receiver refuses the"
          + " WebSocket or it keeps failing. An explicit ws never falls back: a receiver"
          + " without the WebSocket route fails the send (exit 5).")
  private ChunkTransports transport;
  @Option(names = "--limit-rate", paramLabel = "BYTES",
      description = "Send at most BYTES of chunks per second, all files together (default: no"
          + " limit).")
  private Long limitRateBytesPerSecond;

  /** @throws CliException a usage error for a limit below one byte per second */
  void check() {
    if (limitRateBytesPerSecond != null && limitRateBytesPerSecond < 1) {
      throw new CliException(ExitStatus.USAGE, "--limit-rate must be at least 1 byte per second,"
          + " was " + limitRateBytesPerSecond);
    }
  }

  /** The transports to send over, in order of preference, paced by {@code --limit-rate}. */
  ChunkTransportFactory[] factories(Vertx vertx) {
    ChunkTransportFactory[] factories = transport.factories(vertx);
    return limitRateBytesPerSecond == null ? factories
        : new RateLimit(limitRateBytesPerSecond, System::nanoTime).apply(factories);
  }
}
