package dev.shade.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.Sha256;
import dev.shade.streams.StreamId;
import dev.shade.transfer.control.LoopbackControlTransport;
import dev.shade.transfer.control.MutableClock;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkReceiver;
import dev.shade.transfer.spi.ChunkRejectedException;
import dev.shade.transfer.spi.ChunkTransport;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.LaneCheckpoint;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.ResumeStore;
import dev.shade.transfer.spi.StreamStateView;
import dev.shade.transfer.spi.TransferTransportError;
import dev.shade.streams.ShadeException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume across restarts of either node, in one JVM: a node "crashes" by closing (its uploads pause)
 * and comes back as a new node over the same protocol and resume stores. The child-JVM SIGKILL
 * tests live with the command line; these pin down the engine's rules.
 */
class ResumeEngineTest {
  private static final PeerAddress ALICE = PeerAddress.parse("alice.1");
  private static final PeerAddress BOB = PeerAddress.parse("bob.1");
  private static final Peer BOB_PEER = new Peer(BOB, URI.create("loop://bob/v1/transfer"));
  private static final int CHUNK = 1024;
  private static final int LANES = 4;
  private static final int WINDOW = 4;
  private static final int SIZE = 96 * CHUNK + 333;
  @TempDir Path dir;
  private final LoopbackControlTransport control = new LoopbackControlTransport();
  private final Relay relay = new Relay();
  private final ProtocolStateStore aliceKeys = ProtocolStateStore.inMemory();
  private final ProtocolStateStore bobKeys = ProtocolStateStore.inMemory();
  private final ResumeStore aliceStates = ResumeStore.inMemory();
  private final ResumeStore bobStates = ResumeStore.inMemory();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
  private final List<Shade> nodes = new ArrayList<>();
  private byte[] content;
  private Shade currentBob;
  private long firstRunSent;
  /** Long, so that the prune a node runs when it starts leaves the tests' states alone. */
  private Duration retention = Duration.ofDays(365);
  private Duration retryBudget = Duration.ofSeconds(10);
  private Path source;
  private Path target;

  @BeforeEach
  void files() throws Exception {
    content = new byte[SIZE];
    new Random(7).nextBytes(content);
    source = dir.resolve("source.bin");
    Files.write(source, content);
    target = dir.resolve("inbox").resolve("target.bin");
    Files.createDirectories(target.getParent());
  }

  @AfterEach
  void close() {
    nodes.forEach(Shade::close);
    relay.shutdown();
  }

  /** Counts what a sender hands to transports and what it saw acknowledged. */
  private static final class Counts implements TransferListener {
    final AtomicLong sent = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final java.util.Set<String> ackedChunks = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final java.util.Map<String, Integer> sentChunks =
        new java.util.concurrent.ConcurrentHashMap<>();
    final CountDownLatch ended = new CountDownLatch(1);

    @Override
    public void chunkSent(StreamId streamId, int laneId, long seq, int plaintextBytes) {
      sent.incrementAndGet();
      sentChunks.merge(laneId + ":" + seq, 1, Integer::sum);
    }

    @Override
    public void chunkAcked(StreamId streamId, int laneId, long seq, int plaintextBytes,
        String transport) {
      acked.incrementAndGet();
      ackedChunks.add(laneId + ":" + seq);
    }

    @Override
    public void verified(StreamId streamId, TransferResult result) {
      ended.countDown();
    }

    @Override
    public void failed(StreamId streamId, Throwable error) {
      ended.countDown();
    }
  }

  private Shade alice(ProtocolStateStore keys, TransferListener listener) {
    Shade node = Shade.builder().protocolStore(survivingClose(keys)).address(ALICE).controlTransport(control)
        .transports(relay.factory()).warmUpCrypto(false).resumeStore(aliceStates).clock(clock)
        .listener(listener).retention(retention)
        .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(20),
            retryBudget, 3))
        .build();
    control.attach(node.controlPlane());
    nodes.add(node);
    return node;
  }

  private Shade bob() {
    Shade node = Shade.builder().protocolStore(survivingClose(bobKeys)).address(BOB).controlTransport(control)
        .warmUpCrypto(false).resumeStore(bobStates).clock(clock).retention(retention).build();
    node.onIncomingTransfer(in -> in.accept(Output.file(target)));
    control.attach(node.controlPlane());
    relay.target(node.chunkReceiver());
    nodes.add(node);
    currentBob = node;
    return node;
  }

  private Upload upload(Path input) {
    return Upload.to(BOB_PEER).input(Input.file(input)).lanes(LANES).window(WINDOW)
        .chunkSizeBytes(CHUNK).build();
  }

  private static final int TOTAL_CHUNKS = (SIZE + CHUNK - 1) / CHUNK;

  /** Starts an upload from {@code alice} over a relay delaying each chunk by {@code delayMillis}. */
  private UploadHandle uploadUntil(Shade alice, Counts counts, long delayMillis, int acks)
      throws InterruptedException {
    relay.delayMillis(delayMillis);
    UploadHandle h = alice.upload(upload(source));
    while (counts.acked.get() < acks) {
      assertFalse(h.done().isDone(), "finished before " + acks + " acks");
      Thread.sleep(1);
    }
    return h;
  }

  private record Outage(Shade alice, UploadHandle upload) {}

  /** Alice, with {@code retryBudget}, sends to bob until 20 acks, then the network goes down. */
  private Outage uploadThenCutTheNetwork(Duration retryBudget, Counts counts)
      throws InterruptedException {
    bob();
    this.retryBudget = retryBudget;
    Shade alice = alice(aliceKeys, counts);
    UploadHandle h = uploadUntil(alice, counts, 2, 20);
    relay.down();
    return new Outage(alice, h);
  }

  /** Bob "crashes": the network to him goes down, no chunk is left in flight, he closes. */
  private void crashBob(Shade bob) throws InterruptedException {
    relay.down();
    relay.awaitIdle(); // a crashed receiver takes no more chunks
    bob.close();
    control.detach(BOB);
  }

  /** Sends until {@code acks} chunks are acknowledged, then closes alice: the upload pauses. */
  private StreamId sendAndCrashAlice(int acks) throws Exception {
    Counts counts = new Counts();
    Shade alice = alice(aliceKeys, counts);
    UploadHandle h = uploadUntil(alice, counts, 3, acks);
    alice.close();
    ExecutionException paused = assertThrows(ExecutionException.class,
        () -> h.done().get(10, TimeUnit.SECONDS));
    assertInstanceOf(TransferPausedException.class, paused.getCause());
    relay.delayMillis(0);
    Thread.sleep(200); // chunks already on the way land
    firstRunSent = counts.sent.get();
    return h.streamId();
  }

  @Test
  void aRestartedSenderResumesAndResendsAtMostTheWindow() throws Exception {
    bob();
    StreamId id = sendAndCrashAlice(30);
    assertEquals(1, aliceStates.list(PersistedStreamState.Direction.SEND).size());
    long durableAtBob = ackedAtReceiver(id);
    assertTrue(durableAtBob >= 30, "bob reports the acknowledged chunks: " + durableAtBob);

    Counts counts = new Counts();
    Shade again = alice(aliceKeys, counts);
    assertEquals(List.of(id), again.resumableUploads().stream()
        .map(PersistedStreamState::streamId).toList());
    TransferResult result = again.resumeUpload(id, Input.file(source)).done()
        .get(30, TimeUnit.SECONDS);

    assertEquals(Sha256.hexOf(content), result.sha256());
    assertArrayEquals(content, Files.readAllBytes(target));
    assertTrue(counts.ended.await(5, TimeUnit.SECONDS));
    assertTrue(counts.sent.get() >= TOTAL_CHUNKS - durableAtBob);
    long resent = firstRunSent + counts.sent.get() - TOTAL_CHUNKS;
    assertTrue(resent <= LANES * (WINDOW + 1),
        "re-sent at most the window plus a chunk per lane: " + resent);
    assertTrue(aliceStates.list(PersistedStreamState.Direction.SEND).isEmpty(),
        "a verified upload leaves no state");
  }

  @Test
  void anUploadPausedAsSoonAsItsHandleExistsLeavesAStateToResumeFrom() throws Exception {
    // One node only: nodes closed in quick succession over one protocol store would race on
    // its ratchet session (their workers outlive close()), which no real home does.
    bob();
    relay.delayMillis(1000);
    Shade alice = alice(aliceKeys, TransferListener.NONE);
    UploadHandle h = alice.upload(upload(source));
    alice.close();
    ExecutionException paused = assertThrows(ExecutionException.class,
        () -> h.done().get(10, TimeUnit.SECONDS));
    assertInstanceOf(TransferPausedException.class, paused.getCause());
    assertTrue(aliceStates.find(h.streamId(), PersistedStreamState.Direction.SEND).isPresent(),
        "a paused upload has a state to resume from the moment its handle is done");
  }

  @Test
  void aChangedOrTruncatedInputIsRefusedBeforeAnyChunk() throws Exception {
    bob();
    StreamId id = sendAndCrashAlice(30);
    PersistedStreamState persisted =
        aliceStates.find(id, PersistedStreamState.Direction.SEND).orElseThrow();
    LaneCheckpoint lane0 = persisted.lanes().get(0);
    assertTrue(lane0.lastSeqAcked() >= 0 || lane0.hashedThroughSeq() >= 0);

    Path changed = dir.resolve("changed.bin");
    byte[] modified = content.clone();
    modified[10] ^= 1; // inside lane 0's first chunk, which was sealed
    Files.write(changed, modified);
    Path truncated = dir.resolve("truncated.bin");
    Files.write(truncated, Arrays.copyOf(content, content.length - 1));

    Counts counts = new Counts();
    Shade again = alice(aliceKeys, counts);
    for (Path input : List.of(changed, truncated)) {
      ExecutionException refused = assertThrows(ExecutionException.class,
          () -> again.resumeUpload(id, Input.file(input)).done().get(30, TimeUnit.SECONDS));
      ResumeRefusedException e = assertInstanceOf(ResumeRefusedException.class, refused.getCause());
      assertEquals(ResumeRefusedException.Reason.INPUT_CHANGED, e.reason());
      assertTrue(e.getMessage().contains("input changed"), e.getMessage());
    }
    Thread.sleep(100);
    assertEquals(0, counts.sent.get(), "no chunk was sent for a changed input");

    TransferResult result = again.resumeUpload(id, Input.file(source)).done()
        .get(30, TimeUnit.SECONDS);
    assertEquals(Sha256.hexOf(content), result.sha256(), "the original input still resumes");
  }

  @Test
  void stateSealedUnderAnotherIdentityOrAlteredIsRefused() throws Exception {
    bob();
    StreamId id = sendAndCrashAlice(10);
    Shade rotated = alice(ProtocolStateStore.inMemory(), TransferListener.NONE);
    ResumeRefusedException e = assertThrows(ResumeRefusedException.class,
        () -> rotated.resumeUpload(id, Input.file(source)));
    assertEquals(ResumeRefusedException.Reason.SEALED_UNDER_OTHER_IDENTITY, e.reason());
    assertTrue(e.getMessage().contains("start the transfer again"), e.getMessage());
    rotated.close();

    PersistedStreamState s = aliceStates.find(id, PersistedStreamState.Direction.SEND)
        .orElseThrow();
    byte[] sealed = s.sealedSecret();
    sealed[20] ^= 0x01;
    aliceStates.update(new PersistedStreamState(s.streamId(), s.direction(), s.peer(), s.status(),
        s.metadata(), s.lanes(), sealed, s.location(), s.target(), s.updatedAt()));
    Shade same = alice(aliceKeys, TransferListener.NONE);
    assertEquals(ResumeRefusedException.Reason.SEALED_UNDER_OTHER_IDENTITY, assertThrows(
        ResumeRefusedException.class, () -> same.resumeUpload(id, Input.file(source))).reason());
  }

  @Test
  void aRestartedReceiverReloadsTheStreamAndTheLiveSenderContinues() throws Exception {
    Shade bob = bob();
    Counts counts = new Counts();
    Shade alice = alice(aliceKeys, counts);
    UploadHandle h = uploadUntil(alice, counts, 3, 40);
    crashBob(bob);
    long ackedBeforeCrash = counts.acked.get();
    Thread.sleep(200); // the sender retries against nobody
    bob();
    assertTrue(ackedAtReceiver(h.streamId()) >= ackedBeforeCrash - LANES * WINDOW,
        "the reloaded stream reports its durable progress");
    relay.delayMillis(0);
    relay.up();

    TransferResult result = h.done().get(30, TimeUnit.SECONDS);
    assertEquals(Sha256.hexOf(content), result.sha256());
    assertArrayEquals(content, Files.readAllBytes(target));
    assertTrue(counts.ended.await(5, TimeUnit.SECONDS));
    long resent = counts.sent.get() - TOTAL_CHUNKS;
    assertTrue(resent <= LANES * (WINDOW + 1),
        "re-sent at most the window plus a chunk per lane: " + resent);
    assertEquals(PersistedStreamState.Status.COMPLETE,
        bobStates.find(h.streamId(), PersistedStreamState.Direction.RECEIVE).orElseThrow()
            .status());
  }

  @Test
  void aSenderOutlastsANetworkOutageLongerThanItsRetryBudget() throws Exception {
    Counts counts = new Counts();
    UploadHandle h = uploadThenCutTheNetwork(Duration.ofMillis(400), counts).upload();
    Thread.sleep(600); // the lanes give up on their chunks; the upload asks bob and tries again
    assertFalse(h.done().isDone(), "the upload waits for the network");
    relay.up();

    TransferResult result = h.done().get(30, TimeUnit.SECONDS);
    assertEquals(Sha256.hexOf(content), result.sha256());
    assertArrayEquals(content, Files.readAllBytes(target));
    assertTrue(counts.ended.await(5, TimeUnit.SECONDS));
    assertTrue(counts.sent.get() - TOTAL_CHUNKS <= LANES * (WINDOW + 1));
  }

  @Test
  void aSenderGivesUpWhenTheNetworkStaysDownButKeepsItsState() throws Exception {
    Outage outage = uploadThenCutTheNetwork(Duration.ofMillis(200), new Counts());
    UploadHandle h = outage.upload();
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> h.done().get(30, TimeUnit.SECONDS));
    assertInstanceOf(TransferTransportError.class, e.getCause());
    assertTrue(aliceStates.find(h.streamId(), PersistedStreamState.Direction.SEND).isPresent(),
        "the state stays for a later resume");
    relay.up();
    TransferResult result = outage.alice().resumeUpload(h.streamId(), Input.file(source)).done()
        .get(30, TimeUnit.SECONDS);
    assertEquals(Sha256.hexOf(content), result.sha256());
  }

  @Test
  void aRestartedReceiverThatForgotChunksAckedAboveAGapGetsThemAgainFromTheLiveSender()
      throws Exception {
    Shade bob = bob();
    Counts counts = new Counts();
    Shade alice = alice(aliceKeys, counts);
    relay.delayMillis(3);
    relay.hold(0, 1); // lane 0's seq 1 cannot get through: 2..4 arrive above the gap
    UploadHandle h = alice.upload(upload(source));
    while (!counts.ackedChunks.containsAll(List.of("0:2", "0:3", "0:4"))) {
      assertFalse(h.done().isDone(), "ended before the gap formed");
      Thread.sleep(1);
    }
    crashBob(bob);
    assertEquals(0b1110, bobStates.find(h.streamId(), PersistedStreamState.Direction.RECEIVE)
        .orElseThrow().lanes().get(0).aheadMask(), "2..4 are durable beyond the gap at 1");
    bob();
    relay.release();
    relay.up();

    TransferResult result = h.done().get(30, TimeUnit.SECONDS);
    assertEquals(Sha256.hexOf(content), result.sha256());
    assertArrayEquals(content, Files.readAllBytes(target));
    assertTrue(counts.ended.await(5, TimeUnit.SECONDS));
    for (String chunk : List.of("0:2", "0:3", "0:4")) {
      assertEquals(1, counts.sentChunks.get(chunk), chunk + " reached the receiver once");
    }
  }

  @Test
  void aRestartedReceiverThatLostTheTailOfItsFileGetsItAgainFromTheLiveSender()
      throws Exception {
    Shade bob = bob();
    Counts counts = new Counts();
    Shade alice = alice(aliceKeys, counts);
    UploadHandle h = uploadUntil(alice, counts, 3, 60);
    crashBob(bob);
    Path partial = Path.of(bobStates.find(h.streamId(), PersistedStreamState.Direction.RECEIVE)
        .orElseThrow().location());
    try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(partial,
        java.nio.file.StandardOpenOption.WRITE)) {
      file.truncate(SIZE * 3L / 4 + 2 * CHUNK); // lane 3 keeps its first two chunks only
    }
    bob();
    relay.up();

    TransferResult result = h.done().get(30, TimeUnit.SECONDS);
    assertEquals(Sha256.hexOf(content), result.sha256());
    assertArrayEquals(content, Files.readAllBytes(target));
  }

  @Test
  void aReceiverStateRaisedBeyondItsDataNeverSurfacesAWrongFile() throws Exception {
    Shade bob = bob();
    StreamId id = sendAndCrashAlice(20);
    bob.close();
    control.detach(BOB);
    PersistedStreamState s = bobStates.find(id, PersistedStreamState.Direction.RECEIVE)
        .orElseThrow();
    List<LaneCheckpoint> raised = new ArrayList<>(s.lanes());
    long lane0Chunks = (SIZE / LANES + CHUNK - 1) / CHUNK;
    raised.set(0, raised.get(0).withLastSeqAcked(lane0Chunks - 2));
    bobStates.update(s.withLanes(raised, s.updatedAt()));
    bob();

    Shade again = alice(aliceKeys, TransferListener.NONE);
    try {
      TransferResult r = again.resumeUpload(id, Input.file(source)).done()
          .get(30, TimeUnit.SECONDS);
      assertEquals(Sha256.hexOf(content), r.sha256());
      assertArrayEquals(content, Files.readAllBytes(target));
    } catch (ExecutionException e) {
      assertInstanceOf(dev.shade.streams.TransferIntegrityError.class, e.getCause());
      assertFalse(Files.exists(target), "no file surfaced after a failed verification");
    }
  }

  @Test
  void pruningForgetsStatesOnBothSides() throws Exception {
    Shade bob = bob();
    StreamId id = sendAndCrashAlice(10);
    Path partial = Path.of(bobStates.find(id, PersistedStreamState.Direction.RECEIVE)
        .orElseThrow().location());
    assertTrue(Files.exists(partial));
    clock.advance(Duration.ofDays(15));

    Shade again = alice(aliceKeys, TransferListener.NONE);
    assertEquals(1, again.pruneStreamStates(clock.instant().minus(Duration.ofDays(14))));
    assertEquals(0, again.pruneStreamStates(clock.instant().minus(Duration.ofDays(14))),
        "idempotent");
    assertEquals(ResumeRefusedException.Reason.NO_STATE, assertThrows(
        ResumeRefusedException.class, () -> again.resumeUpload(id, Input.file(source))).reason());

    assertEquals(1, bob.pruneStreamStates(clock.instant().minus(Duration.ofDays(14))));
    assertFalse(Files.exists(partial), "the partial file goes with the state");
    ShadeException unknown = assertThrows(ShadeException.class,
        () -> bob.chunkReceiver().state(id.toBase64Url()));
    assertEquals(dev.shade.streams.ErrorCode.UNKNOWN_STREAM, unknown.errorCode());
  }

  @Test
  void aStartingNodePrunesStatesOlderThanItsRetention() throws Exception {
    bob();
    StreamId id = sendAndCrashAlice(10);
    clock.advance(Duration.ofDays(15));
    retention = Duration.ofDays(14);
    alice(aliceKeys, TransferListener.NONE);
    for (int i = 0; i < 500 && aliceStates.find(id, PersistedStreamState.Direction.SEND)
        .isPresent(); i++) {
      Thread.sleep(10);
    }
    assertTrue(aliceStates.find(id, PersistedStreamState.Direction.SEND).isEmpty());
  }

  @Test
  void retentionComesFromTheEnvironmentWithASafeDefault() {
    assertEquals(Duration.ofDays(14), Shade.Builder.retentionFromEnvironment(null));
    assertEquals(Duration.ofDays(14), Shade.Builder.retentionFromEnvironment(" "));
    assertEquals(Duration.ofDays(3), Shade.Builder.retentionFromEnvironment("3"));
    assertEquals(Duration.ofDays(14), Shade.Builder.retentionFromEnvironment("-1"));
    assertEquals(Duration.ofDays(14), Shade.Builder.retentionFromEnvironment("two"));
  }

  /** The same state for the next node: a closing node closes its protocol store. */
  private static ProtocolStateStore survivingClose(ProtocolStateStore store) {
    return new ProtocolStateStore() {
      @Override
      public java.util.Optional<byte[]> get(dev.shade.transfer.spi.StateSection section,
          String key) {
        return store.get(section, key);
      }

      @Override
      public void put(dev.shade.transfer.spi.StateSection section, String key, byte[] value) {
        store.put(section, key, value);
      }

      @Override
      public boolean putIfAbsent(dev.shade.transfer.spi.StateSection section, String key,
          byte[] value) {
        return store.putIfAbsent(section, key, value);
      }

      @Override
      public boolean remove(dev.shade.transfer.spi.StateSection section, String key) {
        return store.remove(section, key);
      }

      @Override
      public java.util.Map<String, byte[]> entries(dev.shade.transfer.spi.StateSection section) {
        return store.entries(section);
      }

      @Override
      public java.util.Optional<String> takeFirstKey(
          dev.shade.transfer.spi.StateSection section) {
        return store.takeFirstKey(section);
      }

      @Override
      public int count(dev.shade.transfer.spi.StateSection section) {
        return store.count(section);
      }

      @Override
      public void close() {}
    };
  }

  private long ackedAtReceiver(StreamId id) {
    StreamStateView view = currentBob.chunkReceiver().state(id.toBase64Url());
    long sum = 0;
    for (var lane : view.lanes()) {
      sum += lane.lastSeqAcked() + 1;
    }
    return sum;
  }

  /** A chunk transport to whichever receiver runs now; down, it fails like a refused connection. */
  private static final class Relay implements ChunkTransport {
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private volatile ChunkReceiver target;
    private volatile boolean down;
    private volatile long delayMillis;
    private volatile String held;
    private final AtomicLong inFlight = new AtomicLong();

    void target(ChunkReceiver receiver) {
      this.target = receiver;
    }

    void down() {
      down = true;
    }

    void up() {
      down = false;
    }

    void delayMillis(long millis) {
      this.delayMillis = millis;
    }

    /** Fails every attempt of one chunk as a refused connection would, until released. */
    void hold(int laneId, long seq) {
      held = laneId + ":" + seq;
    }

    void release() {
      held = null;
    }

    ChunkTransportFactory factory() {
      Relay self = this;
      return new ChunkTransportFactory() {
        @Override
        public String name() {
          return "relay";
        }

        @Override
        public ChunkTransport connect(URI peerBaseUrl) {
          return self;
        }
      };
    }

    @Override
    public String name() {
      return "relay";
    }

    @Override
    public CompletableFuture<ChunkAck> send(StreamId streamId, byte[] envelope) {
      byte[] wire = envelope.clone();
      inFlight.incrementAndGet();
      return CompletableFuture.supplyAsync(() -> {
        try {
          return deliver(streamId, wire);
        } finally {
          inFlight.decrementAndGet();
        }
      }, pool);
    }

    void awaitIdle() throws InterruptedException {
      while (inFlight.get() > 0) {
        Thread.sleep(1);
      }
    }

    private ChunkAck deliver(StreamId streamId, byte[] wire) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        ChunkReceiver receiver = target;
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(wire);
        if (down || receiver == null
            || (header.getInt(20) + ":" + header.getLong(24)).equals(held)) {
          throw new TransferTransportError("relay", "connection refused");
        }
        try {
          ChunkReceiver.AdmittedChunk admitted =
              receiver.admit(streamId.toBase64Url(), Arrays.copyOf(wire, 36));
          return receiver.deliver(admitted, Arrays.copyOfRange(wire, 36, wire.length));
        } catch (ShadeException e) {
          throw new ChunkRejectedException(e.errorCode(), e.getMessage());
        }
    }

    @Override
    public CompletableFuture<StreamStateView> state(StreamId streamId) {
      return CompletableFuture.supplyAsync(() -> target.state(streamId.toBase64Url()), pool);
    }

    /** A node closing its connections does not stop the relay; the test does. */
    @Override
    public void close() {}

    void shutdown() {
      pool.shutdownNow();
    }
  }
}
