package dev.shade.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.Sha256;
import dev.shade.transfer.control.LoopbackControlTransport;
import dev.shade.transfer.spi.ChunkRejectedException;
import dev.shade.transfer.spi.ProtocolStateStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine end to end over in-process transports: the sending and receiving state machines. */
class EngineLoopbackTest {
  private static final PeerAddress ALICE = PeerAddress.parse("alice.1");
  private static final PeerAddress BOB = PeerAddress.parse("bob.1");
  private static final Peer BOB_PEER = new Peer(BOB, URI.create("loop://bob/v1/transfer"));
  private static final int CHUNK = 1024;
  @TempDir Path dir;
  private Shade alice;
  private Shade bob;
  private LoopbackChunkTransport chunks;

  @BeforeEach
  void nodes() {
    LoopbackControlTransport control = new LoopbackControlTransport();
    bob = Shade.builder().protocolStore(ProtocolStateStore.inMemory()).address(BOB)
        .controlTransport(control).warmUpCrypto(false).build();
    chunks = new LoopbackChunkTransport(bob.chunkReceiver());
    alice = Shade.builder().protocolStore(ProtocolStateStore.inMemory()).address(ALICE)
        .controlTransport(control).transports(chunks.factory()).warmUpCrypto(false)
        .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(2), 3))
        .build();
    control.attach(alice.controlPlane());
    control.attach(bob.controlPlane());
  }

  @AfterEach
  void close() {
    alice.close();
    bob.close();
    chunks.close();
  }

  private static byte[] random(int n, long seed) {
    byte[] bytes = new byte[n];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private Path file(byte[] content) throws IOException {
    Path f = Files.createTempFile(dir, "src", ".bin");
    Files.write(f, content);
    return f;
  }

  /** Bob accepts into {@code target}; every chunk takes 20 ms on the way, so a test can act mid-stream. */
  private java.util.concurrent.CompletableFuture<IncomingTransfer> acceptIntoOverASlowNetwork(
      Path target) {
    var incoming = new java.util.concurrent.CompletableFuture<IncomingTransfer>();
    bob.onIncomingTransfer(in -> {
      in.accept(Output.file(target));
      incoming.complete(in);
    });
    chunks.tamper(envelope -> {
      try {
        Thread.sleep(20);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
      return envelope;
    });
    return incoming;
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 4 * CHUNK, 37 * CHUNK + 5})
  void fileArrivesIdenticalAtTheTarget(int size) throws Exception {
    byte[] content = random(size, size);
    Path target = dir.resolve("out-" + size + ".bin");
    bob.onIncomingTransfer(in -> in.accept(Output.file(target)));
    UploadHandle h = alice.upload(Upload.to(BOB_PEER).input(Input.file(file(content)))
        .lanes(4).chunkSizeBytes(CHUNK).build());
    TransferResult sent = h.done().get(30, TimeUnit.SECONDS);
    assertEquals(Sha256.hexOf(content), sent.sha256());
    assertEquals(size, sent.bytes());
    assertArrayEquals(content, Files.readAllBytes(target));
    try (Stream<Path> partial = Files.list(dir.resolve(".shade-partial"))) {
      assertEquals(0, partial.count(), "no partial file left");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 64})
  void streamOfUnknownSizeArrivesInOrder(int lanes) throws Exception {
    byte[] content = random(50 * CHUNK + 17, lanes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    bob.onIncomingTransfer(in -> in.accept(Output.stream(out)));
    TransferResult sent = alice.upload(Upload.to(BOB_PEER)
        .input(Input.stream(new ByteArrayInputStream(content))).lanes(lanes).chunkSizeBytes(CHUNK)
        .build()).done().get(30, TimeUnit.SECONDS);
    assertEquals(Sha256.hexOf(content), sent.sha256());
    assertArrayEquals(content, out.toByteArray());
  }

  @Test
  void memoryOutputHandsOutBytesOnlyAfterVerification() throws Exception {
    byte[] content = random(10 * CHUNK, 7);
    var received = new java.util.concurrent.CompletableFuture<TransferResult>();
    bob.onIncomingTransfer(in -> in.accept(Output.memory(1 << 20)).whenComplete((r, e) -> {
      if (e != null) {
        received.completeExceptionally(e);
      } else {
        received.complete(r);
      }
    }));
    alice.upload(Upload.to(BOB_PEER).input(Input.bytes(content)).chunkSizeBytes(CHUNK).build())
        .done().get(30, TimeUnit.SECONDS);
    TransferResult r = received.get(5, TimeUnit.SECONDS);
    byte[] got = new byte[r.content().orElseThrow().remaining()];
    r.content().orElseThrow().get(got);
    assertArrayEquals(content, got);
  }

  @Test
  void declinedStreamFailsTheUploadWithTheReason() {
    bob.onIncomingTransfer(in -> in.decline("not today"));
    CompletionException e = assertThrows(CompletionException.class, () -> alice.upload(
        Upload.to(BOB_PEER).input(Input.bytes(new byte[10])).build()).done().join());
    TransferDeclinedException declined = assertInstanceOf(TransferDeclinedException.class, e.getCause());
    assertEquals("not today", declined.reason());
  }

  @Test
  void acceptAfterADelayStillCompletes() throws Exception {
    byte[] content = random(3 * CHUNK, 3);
    bob.onIncomingTransfer(in -> new Thread(() -> {
      try {
        Thread.sleep(2_600);
      } catch (InterruptedException e) {
        return;
      }
      in.accept(Output.file(dir.resolve("late.bin")));
    }).start());
    alice.upload(Upload.to(BOB_PEER).input(Input.bytes(content)).chunkSizeBytes(CHUNK).build())
        .done().get(30, TimeUnit.SECONDS);
    assertArrayEquals(content, Files.readAllBytes(dir.resolve("late.bin")));
  }

  @Test
  void tamperedChunksAreResentAndThenTheStreamFailsWithoutAFile() throws Exception {
    chunks.tamper(envelope -> {
      envelope[envelope.length - 1] ^= 1;
      return envelope;
    });
    Path target = dir.resolve("never.bin");
    bob.onIncomingTransfer(in -> in.accept(Output.file(target)));
    CompletionException e = assertThrows(CompletionException.class, () -> alice.upload(
        Upload.to(BOB_PEER).input(Input.bytes(random(5 * CHUNK, 1))).chunkSizeBytes(CHUNK).build())
        .done().join());
    assertEquals(dev.shade.streams.ErrorCode.AUTHENTICATION_FAILED,
        ((dev.shade.streams.ShadeException) e.getCause()).errorCode());
    Thread.sleep(200);
    assertFalse(Files.exists(target));
  }

  @Test
  void aRefusedChunkFailsAStreamUploadWithTheReceiversErrorNotAPlaceholder() {
    chunks.tamper(envelope -> {
      envelope[4] ^= 1;
      return envelope;
    });
    bob.onIncomingTransfer(in -> in.accept(Output.memory(1 << 20)));
    CompletionException e = assertThrows(CompletionException.class, () -> alice.upload(
        Upload.to(BOB_PEER).input(Input.stream(new ByteArrayInputStream(random(200 * CHUNK, 4))))
            .lanes(2).chunkSizeBytes(CHUNK).build()).done().join());
    ChunkRejectedException refused = assertInstanceOf(ChunkRejectedException.class, e.getCause());
    assertEquals(dev.shade.streams.ErrorCode.MALFORMED, refused.errorCode());
  }

  @Test
  void abortFromTheSenderDeletesThePartialFile() throws Exception {
    Path target = dir.resolve("aborted.bin");
    var incoming = acceptIntoOverASlowNetwork(target);
    UploadHandle h = alice.upload(Upload.to(BOB_PEER).input(Input.bytes(random(200 * CHUNK, 2)))
        .chunkSizeBytes(CHUNK).build());
    IncomingTransfer in = incoming.get(10, TimeUnit.SECONDS);
    Thread.sleep(100);
    h.abort("changed my mind");
    CompletionException e = assertThrows(CompletionException.class, () -> in.done().join());
    assertInstanceOf(TransferAbortedException.class, e.getCause());
    assertFalse(Files.exists(target));
    try (Stream<Path> partial = Files.list(dir.resolve(".shade-partial"))) {
      assertEquals(0, partial.count());
    }
  }

  @Test
  void abortFromTheReceiverFailsTheSender() throws Exception {
    var incoming = acceptIntoOverASlowNetwork(dir.resolve("r.bin"));
    UploadHandle h = alice.upload(Upload.to(BOB_PEER).input(Input.bytes(random(200 * CHUNK, 2)))
        .chunkSizeBytes(CHUNK).build());
    incoming.get(10, TimeUnit.SECONDS).abort("disk full");
    CompletionException e = assertThrows(CompletionException.class, () -> h.done().join());
    assertTrue(e.getCause() instanceof dev.shade.streams.ShadeException, e.getCause().toString());
    assertFalse(Files.exists(dir.resolve("r.bin")));
  }

  @Test
  void listenerSeesEveryStreamsEventsInOrderOnOneThread() throws Exception {
    java.util.List<String> events = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    TransferListener recorder = new TransferListener() {
      private void record(String event) {
        events.add(event);
        threads.add(Thread.currentThread().getName());
      }

      @Override
      public void started(dev.shade.streams.StreamId id, Direction direction,
          dev.shade.streams.StreamMetadata metadata) {
        record("started");
      }

      @Override
      public void accepted(dev.shade.streams.StreamId id) {
        record("accepted");
      }

      @Override
      public void chunkAcked(dev.shade.streams.StreamId id, int lane, long seq, int bytes,
          String transport) {
        record("chunk:" + lane);
      }

      @Override
      public void laneFinished(dev.shade.streams.StreamId id, int lane) {
        record("lane:" + lane);
      }

      @Override
      public void verified(dev.shade.streams.StreamId id, TransferResult result) {
        record("verified");
      }
    };
    LoopbackControlTransport control = new LoopbackControlTransport();
    try (Shade sender = Shade.builder().protocolStore(ProtocolStateStore.inMemory())
        .address(PeerAddress.parse("carol.1")).controlTransport(control)
        .transports(chunks.factory()).listener(recorder).warmUpCrypto(false).build()) {
      control.attach(sender.controlPlane());
      control.attach(bob.controlPlane());
      bob.onIncomingTransfer(in -> in.accept(Output.memory(1 << 20)));
      sender.upload(Upload.to(BOB_PEER).input(Input.bytes(random(10 * CHUNK, 5))).lanes(2)
          .chunkSizeBytes(CHUNK).build()).done().get(30, TimeUnit.SECONDS);
      Thread.sleep(200);
    }
    assertEquals(java.util.Set.of("shade-events"), threads);
    assertEquals("started", events.get(0));
    assertEquals("accepted", events.get(1));
    assertEquals("verified", events.get(events.size() - 1));
    assertEquals(10, events.stream().filter(e -> e.startsWith("chunk:")).count());
    for (int lane = 0; lane < 2; lane++) {
      int finished = events.indexOf("lane:" + lane);
      assertTrue(finished > events.lastIndexOf("chunk:" + lane), "lane " + lane + " " + events);
      assertEquals(finished, events.lastIndexOf("lane:" + lane), "one laneFinished per lane");
    }
  }
}
