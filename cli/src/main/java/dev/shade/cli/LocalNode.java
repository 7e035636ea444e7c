package dev.shade.cli;

import dev.shade.transfer.Shade;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.PeerDirectory;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ResumeStore;
import dev.shade.transport.http.ControlServer;
import dev.shade.transport.http.HttpControlTransport;
import dev.shade.transport.http.TransferRoutes;
import dev.shade.transport.http.TransferServer;
import dev.shade.transport.ws.WsRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A node run from a {@link Home}: its own Vert.x, the engine over the home's SQLite file (protocol
 * state, and the resume store that lets uploads and received streams survive a restart) reaching
 * peers over HTTP (control messages) and the chosen chunk transports, and the home's {@link
 * PeerBook}. A home without an identity gets one, announced on {@code notices}. {@link #close()}
 * closes the engine (pausing its uploads), the stores and Vert.x; it is idempotent.
 */
final class LocalNode implements AutoCloseable {
  private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private final Home home;
  private final Vertx vertx;
  private final Shade shade;
  private final ResumeStore resumeStore;
  private final PeerBook book;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalNode(Home home, Vertx vertx, Shade shade, ResumeStore resumeStore, PeerBook book) {
    this.home = home;
    this.vertx = vertx;
    this.shade = shade;
    this.resumeStore = resumeStore;
    this.book = book;
  }

  /**
   * @param name the name a new identity gets, or null for one from the login name
   * @param transports what the node sends chunks over, e.g. {@code ChunkTransports.AUTO::factories}
   * @param options further engine options (listener, receiver settings, crypto warm-up) on a
   *     builder that has the stores, address and transports set, and warm-up off
   */
  static LocalNode open(Home home, String name,
      Function<Vertx, ChunkTransportFactory[]> transports, Consumer<Shade.Builder> options,
      PrintStream notices) {
    ProtocolStateStore store = home.openStore();
    Vertx vertx = Vertx.vertx();
    ResumeStore resumeStore = null;
    PeerBook book = null;
    try {
      NodeName node = NodeName.of(store, name);
      resumeStore = home.openResumeStore();
      book = PeerBook.open(home.database(), Clock.systemUTC());
      PeerDirectory peers = new PeerDirectory();
      Shade.Builder builder = Shade.builder().protocolStore(store).resumeStore(resumeStore)
          .address(node.address()).peers(peers).warmUpCrypto(false)
          .controlTransport(HttpControlTransport.create(vertx, peers::baseUrl, CONTROL_TIMEOUT))
          .transports(transports.apply(vertx));
      options.accept(builder);
      LocalNode opened = new LocalNode(home, vertx, builder.build(), resumeStore, book);
      if (node.isNew()) {
        notices.println("created a new identity " + node.address() + " in " + home.dir()
            + " (shade init --name NAME chooses the name)");
      }
      return opened;
    } catch (RuntimeException e) {
      if (book != null) {
        book.close();
      }
      if (resumeStore != null) {
        resumeStore.close();
      }
      store.close();
      await(vertx.close());
      throw e;
    }
  }

  Home home() {
    return home;
  }

  Vertx vertx() {
    return vertx;
  }

  Shade shade() {
    return shade;
  }

  PeerBook book() {
    return book;
  }

  /**
   * Serves this node's routes on {@code host:port} until the server is closed: the HTTP routes
   * under {@code /v1/transfer} and, on the same router, the WebSocket chunk route ({@code GET
   * /v1/transfer/ws}).
   */
  ControlServer serve(String host, int port) {
    Router transfer = WsRoutes.mount(TransferRoutes.create(vertx, shade), vertx,
        shade.chunkReceiver());
    return await(TransferServer.start(vertx, transfer, host, port));
  }

  /** Waits for a Vert.x future of this node, e.g. a server starting or closing. */
  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture()
          .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitStatus.INTERRUPTED, "interrupted", e);
    } catch (ExecutionException e) {
      throw Failures.explain(e.getCause());
    } catch (TimeoutException e) {
      throw new CliException(ExitStatus.FAILED, "Vert.x did not answer within " + CLOSE_TIMEOUT, e);
    }
  }

  /** Closes the engine first: it pauses running uploads, whose state the resume store keeps. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    book.close();
    shade.close();
    resumeStore.close();
    await(vertx.close());
  }
}
