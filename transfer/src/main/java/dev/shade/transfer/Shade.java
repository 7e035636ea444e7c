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
import dev.shade.streams.SecretBytes;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.ResumeStore;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
  private static final Logger LOG = LoggerFactory.getLogger(Shade.class);
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
  private final java.util.Set<UploadSession> uploads = ConcurrentHashMap.newKeySet();
  private final ResumeStore resumeStore;
  private final StreamSecretSealer sealer;
  private final Duration retention;
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
    this.resumeStore = b.resumeStore;
    this.retention = b.retention;
    if (resumeStore != null) {
      this.sealer = StreamSecretSealer.create(plane.keys().deviceKey(), random);
      receiver.persistTo(resumeStore, sealer, clock);
      receiver.reload();
      scheduler.scheduleAtFixedRate(this::pruneQuietly, 0, 1, TimeUnit.DAYS);
    } else {
      this.sealer = null;
    }
    if (b.warmUpCrypto) {
      workers.execute(CryptoWarmup::run);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts sending {@code upload}; the handle's {@code done()} completes once verified. Closing the
   * node pauses it ({@link TransferPausedException}); {@link #resumeUpload} continues it.
   */
  public UploadHandle upload(Upload upload) {
    if (closed) {
      throw new IllegalStateException("this node is closed");
    }
    if (transports.isEmpty()) {
      throw new IllegalStateException("no chunk transport configured");
    }
    peers.remember(upload.peer().address(), upload.peer().baseUrl());
    MultiTransportFallback transport = connection(upload.peer().baseUrl());
    UploadSession session = new UploadSession(upload, transport, runtime(), random);
    return start(session);
  }

  private UploadHandle start(UploadSession session) {
    uploads.add(session);
    try {
      session.start();
    } catch (RuntimeException e) {
      uploads.remove(session);
      throw e;
    }
    session.done().whenComplete((r, e) -> uploads.remove(session));
    return session;
  }

  /**
   * Continues an upload that this node persisted (it needs a {@link Builder#resumeStore}), after a
   * crash or a restart: re-reads the part of {@code sameInput} that was sent and checks it against
   * the persisted lane hashes, asks the receiver what it holds, and sends the rest. Uploads
   * interrupted by the network while this node runs continue by themselves.
   *
   * @return the handle, as {@link #upload} returns; its {@code done()} fails with {@link
   *     ResumeRefusedException} when the input changed (nothing is sent then) or the receiver lost
   *     the stream
   * @throws ResumeRefusedException at once when there is no state for the stream (finished,
   *     pruned, never sent from here) or its state was sealed under another identity
   */
  public UploadHandle resumeUpload(StreamId streamId, Input sameInput) {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(sameInput, "sameInput");
    if (closed) {
      throw new IllegalStateException("this node is closed");
    }
    if (resumeStore == null) {
      throw new IllegalStateException("this node has no resume store");
    }
    PersistedStreamState state = resumeStore.find(streamId, PersistedStreamState.Direction.SEND)
        .orElseThrow(() -> ResumeRefusedException.noState(streamId));
    SecretBytes secret = sealer.open(state.sealedSecret(), streamId,
        PersistedStreamState.Direction.SEND);
    UploadSession session;
    try {
      Peer peer = new Peer(state.peer(), state.target() != null ? URI.create(state.target())
          : peers.baseUrl(state.peer()));
      peers.remember(peer.address(), peer.baseUrl());
      StreamMetadata m = state.metadata();
      Upload upload = new Upload(peer, sameInput, m.lanes(), m.chunkSizeBytes(), m.window(),
          Upload.DEFAULT_ACCEPT_TIMEOUT, m.fileMetadata(), m.userMetadata());
      session = new UploadSession(upload, state, secret, connection(peer.baseUrl()), runtime());
    } catch (RuntimeException e) {
      secret.destroy(); // the session owns it only once it exists
      throw e;
    }
    return start(session);
  }

  /** Uploads persisted by this node that have not finished: what {@link #resumeUpload} takes. */
  public List<PersistedStreamState> resumableUploads() {
    return resumeStore == null ? List.of()
        : resumeStore.list(PersistedStreamState.Direction.SEND);
  }

  /**
   * Deletes persisted stream states (both directions) last updated before {@code olderThan}, with
   * the partial files of received streams; a stream whose state is gone cannot be resumed (its
   * state route answers 404). Idempotent; safe to run concurrently with transfers. A running node
   * does this daily with the horizon {@link Builder#retention} ({@code SHADE_STREAM_RETENTION_DAYS},
   * default 14 days).
   *
   * @return how many states it deleted
   */
  public int pruneStreamStates(Instant olderThan) {
    if (resumeStore == null) {
      return 0;
    }
    List<PersistedStreamState> pruned = resumeStore.pruneOlderThan(olderThan);
    receiver.pruned(pruned);
    return pruned.size();
  }

  private void pruneQuietly() {
    try {
      int n = pruneStreamStates(clock.instant().minus(retention));
      if (n > 0) {
        LOG.info("pruned {} stream states older than {}", n, retention);
      }
    } catch (RuntimeException e) {
      LOG.warn("pruning stream states failed; next try in a day", e);
    }
  }

  private UploadSession.Runtime runtime() {
    return new UploadSession.Runtime(this::request, workers, scheduler, retryPolicy, events, clock,
        resumeStore == null ? UploadSession.Durable.NONE
            : new UploadSession.Durable(resumeStore, sealer));
  }

  private MultiTransportFallback connection(URI baseUrl) {
    return connections.computeIfAbsent(baseUrl,
        url -> new MultiTransportFallback(transports, url, fallbackPolicy, clock));
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
    uploads.forEach(UploadSession::pause);
    connections.values().forEach(MultiTransportFallback::close);
    workers.shutdownNow();
    scheduler.shutdownNow();
    events.close();
    if (sealer != null) {
      sealer.destroy();
    }
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
    private ResumeStore resumeStore;
    private Duration retention = retentionFromEnvironment(System.getenv("SHADE_STREAM_RETENTION_DAYS"));

    private Builder() {}

    /**
     * Where stream states are persisted so that transfers survive a restart of either side
     * (default: none; transfers still continue after network loss while the node runs). The node
     * reloads received streams from it at start and prunes it daily.
     */
    public Builder resumeStore(ResumeStore store) {
      this.resumeStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * How long persisted stream states are kept after their last change (default: {@code
     * SHADE_STREAM_RETENTION_DAYS} days, else 14).
     */
    public Builder retention(Duration retention) {
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("retention must be positive");
      }
      this.retention = retention;
      return this;
    }

    /** Days from {@code SHADE_STREAM_RETENTION_DAYS}; 14 when unset, blank or not a positive integer. */
    static Duration retentionFromEnvironment(String days) {
      if (days != null && !days.isBlank()) {
        try {
          long n = Long.parseLong(days.strip());
          if (n > 0 && n <= 36_500) {
            return Duration.ofDays(n);
          }
        } catch (NumberFormatException ignored) {
          // fall through to the default
        }
        LOG.warn("SHADE_STREAM_RETENTION_DAYS={} is not a number of days (1..36500); using 14",
            days);
      }
      return Duration.ofDays(14);
    }

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
