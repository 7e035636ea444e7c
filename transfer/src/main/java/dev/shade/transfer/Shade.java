package dev.shade.transfer;

import dev.shade.streams.ControlCodec;
import dev.shade.streams.ControlMessage;
import dev.shade.streams.CryptoWarmup;
import dev.shade.streams.PeerAddress;
import dev.shade.transfer.control.ControlHandler;
import dev.shade.transfer.control.ControlPlane;
import dev.shade.transfer.control.ControlTransport;
import dev.shade.transfer.control.TrustPolicy;
import dev.shade.transfer.spi.ChunkReceiver;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.PeerDirectory;
import dev.shade.transfer.spi.ProtocolStateStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Shade node: sends files and streams to peers and receives theirs, end-to-end encrypted.
 *
 * <p>Sending: {@link #upload} returns at once; the upload runs on the node's worker threads. The
 * receiving side: register {@link #onIncomingTransfer}, and mount routes that hand control
 * envelopes to {@link #controlPlane()}'s channel and chunks to {@link #chunkReceiver()} (module
 * {@code transport-http} does both; {@code transport-ws} adds chunks over a WebSocket). A node
 * sends over its transports in order of preference, falling back per peer by its {@link
 * FallbackPolicy}.
 *
 * <p>Thread safety: safe for concurrent use. {@link #close()} stops the worker threads and the
 * control plane; it is idempotent.
 *
 * <pre>{@code
 * Shade shade = Shade.builder().protocolStore(store).address(PeerAddress.parse("alice.1"))
 *     .controlTransport(http).transports(httpChunks).peers(directory).build();
 * UploadHandle h = shade.upload(Upload.to(bob).input(Path.of("big.iso")).build());
 * TransferResult r = h.done().join();
 * }</pre>
 */
public final class Shade implements AutoCloseable {
  private final ControlPlane plane;
  private final List<ChunkTransportFactory> transports;
  private final PeerDirectory peers;
  private final ReceivingNode receiver;
  private final EventDispatcher events;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final RetryPolicy retryPolicy;
  private final FallbackPolicy fallbackPolicy;
  private final SecureRandom random = new SecureRandom();
  private final Clock clock;
  private final Map<URI, MultiTransportFallback> connections = new ConcurrentHashMap<>();
  private volatile boolean closed;

  private Shade(Builder b) {
    this.transports = List.copyOf(b.transports);
    this.peers = b.peers;
    this.clock = b.clock;
    this.retryPolicy = b.retryPolicy;
    this.fallbackPolicy = b.fallbackPolicy;
    this.events = new EventDispatcher(b.listener);
    this.workers = Executors.newCachedThreadPool(daemonThreads("shade-worker"));
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemonThreads("shade-retry"));
    ControlPlane[] planeRef = new ControlPlane[1];
    this.receiver = new ReceivingNode(b.receiverSettings, events, workers,
        peer -> planeRef[0].trust().verification(peer));
    ControlHandler handler = (sender, plaintext) -> receiver
        .handle(sender, ControlCodec.decode(plaintext)).map(ControlCodec::encode);
    ControlPlane.Builder planeBuilder = ControlPlane.builder(b.store, b.address).clock(b.clock)
        .handler(handler).trustPolicy(b.trustPolicy);
    if (b.controlTransport != null) {
      planeBuilder.transport(b.controlTransport);
    }
    this.plane = planeBuilder.open();
    planeRef[0] = plane;
    if (b.warmUpCrypto) {
      workers.execute(CryptoWarmup::run);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts sending {@code upload}; the handle's {@code done()} completes once verified. */
  public UploadHandle upload(Upload upload) {
    if (closed) {
      throw new IllegalStateException("this node is closed");
    }
    if (transports.isEmpty()) {
      throw new IllegalStateException("no chunk transport configured");
    }
    peers.remember(upload.peer().address(), upload.peer().baseUrl());
    MultiTransportFallback transport = connections.computeIfAbsent(upload.peer().baseUrl(),
        url -> new MultiTransportFallback(transports, url, fallbackPolicy, clock));
    UploadSession session = new UploadSession(upload, this::request, transport, workers,
        scheduler, retryPolicy, events, random, clock);
    session.start();
    return session;
  }

  /** Decides on streams that peers offer; called on a worker thread, once per stream. */
  public void onIncomingTransfer(Consumer<IncomingTransfer> handler) {
    receiver.onIncomingTransfer(Objects.requireNonNull(handler, "handler"));
  }

  /** The receiving engine, for chunk routes. */
  public ChunkReceiver chunkReceiver() {
    return receiver;
  }

  /** This node's identity, trust store and control channel. */
  public ControlPlane controlPlane() {
    return plane;
  }

  public PeerAddress address() {
    return plane.keys().address();
  }

  private Optional<ControlMessage> request(PeerAddress peer, ControlMessage message) {
    return plane.channel().request(peer, ControlCodec.encode(message)).map(ControlCodec::decode);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    connections.values().forEach(MultiTransportFallback::close);
    workers.shutdownNow();
    scheduler.shutdownNow();
    events.close();
    plane.close();
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Options of a node; the protocol store and address are required. */
  public static final class Builder {
    private ProtocolStateStore store;
    private PeerAddress address;
    private ControlTransport controlTransport;
    private final List<ChunkTransportFactory> transports = new ArrayList<>();
    private PeerDirectory peers = new PeerDirectory();
    private ReceiverSettings receiverSettings = ReceiverSettings.DEFAULT;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private FallbackPolicy fallbackPolicy = FallbackPolicy.DEFAULT;
    private TransferListener listener = TransferListener.NONE;
    private TrustPolicy trustPolicy = TrustPolicy.TRUST_ON_FIRST_USE;
    private Clock clock = Clock.systemUTC();
    private boolean warmUpCrypto = true;

    private Builder() {}

    /** Where the identity, prekeys, pinned peers and sessions live. */
    public Builder protocolStore(ProtocolStateStore store) {
      this.store = store;
      return this;
    }

    /** This node's address; its identity is created on first use of the store. */
    public Builder address(PeerAddress address) {
      this.address = address;
      return this;
    }

    /** How control messages reach peers (without one the node only receives). */
    public Builder controlTransport(ControlTransport controlTransport) {
      this.controlTransport = controlTransport;
      return this;
    }

    /**
     * Chunk transports in order of preference, e.g. {@code [ws, http]}: each peer gets the first
     * that works, by the {@link #fallbackPolicy}.
     */
    public Builder transports(ChunkTransportFactory... factories) {
      this.transports.addAll(List.of(factories));
      return this;
    }

    /** The peer URL table shared with the control transport. */
    public Builder peers(PeerDirectory peers) {
      this.peers = Objects.requireNonNull(peers, "peers");
      return this;
    }

    public Builder receiverSettings(ReceiverSettings settings) {
      this.receiverSettings = Objects.requireNonNull(settings, "settings");
      return this;
    }

    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** When to move a peer to the next chunk transport, and for how long. */
    public Builder fallbackPolicy(FallbackPolicy policy) {
      this.fallbackPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder listener(TransferListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public Builder trustPolicy(TrustPolicy policy) {
      this.trustPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Whether to warm AES-GCM and SHA-256 up at start (default true; ~0.5 s on a worker). */
    public Builder warmUpCrypto(boolean warmUp) {
      this.warmUpCrypto = warmUp;
      return this;
    }

    public Shade build() {
      Objects.requireNonNull(store, "protocolStore");
      Objects.requireNonNull(address, "address");
      return new Shade(this);
    }
  }
}
