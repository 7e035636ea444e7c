package dev.shade.transport.ws;

import static dev.shade.transport.ws.TestFiles.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.transfer.FallbackPolicy;
import dev.shade.transfer.Input;
import dev.shade.transfer.Output;
import dev.shade.transfer.Peer;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender configured with {@code [ws, http]} against receivers and networks where the WebSocket
 * does not work, or keeps breaking: every transfer completes with the right SHA-256, and the
 * receiver's own accounting counts every chunk exactly once.
 */
class TransportFallbackTest {
  private static final long SIZE = 64L * MIB;
  private final Vertx vertx = Vertx.vertx();
  private final ChunkLedger sent = new ChunkLedger();
  private final ChunkLedger received = new ChunkLedger();
  @TempDir Path dir;
  private WsNode alice;
  private WsNode bob;

  @AfterEach
  void stop() {
    alice.close();
    bob.close();
    WsNode.await(vertx.close());
  }

  private void nodes(WsNode.Options bobOptions, FallbackPolicy fallback) {
    alice = WsNode.start(vertx, "alice.1", WsNode.Options.defaults().listener(sent)
        .fallback(fallback));
    bob = WsNode.start(vertx, "bob.1", bobOptions.listener(received));
  }

  private TransferResult transfer(Peer to) throws Exception {
    Path source = dir.resolve("source.bin");
    String sha = TestFiles.randomFile(source, SIZE, 64);
    Path target = dir.resolve("received.bin");
    CompletableFuture<TransferResult> arrived = new CompletableFuture<>();
    bob.shade.onIncomingTransfer(in -> in.accept(Output.file(target))
        .thenAccept(arrived::complete));
    TransferResult result = alice.shade.upload(Upload.to(to).input(Input.file(source)).lanes(4)
        .build()).done().get(120, TimeUnit.SECONDS);
    assertEquals(sha, result.sha256());
    assertEquals(sha, arrived.get(10, TimeUnit.SECONDS).sha256());
    assertEquals(sha, TestFiles.sha256Of(target));
    assertEquals(0, received.countedTwice(), "chunks the receiver counted twice");
    assertEquals(SIZE, received.bytes(), "bytes the receiver counted");
    assertEquals(64, received.chunks(), "chunks the receiver counted");
    assertEquals(0, sent.countedTwice(), "chunks the sender counted twice");
    return result;
  }

  /** With a failure grace of an hour, only the refused upgrade itself can have moved the chunks. */
  @Test
  void aReceiverWithoutTheWebSocketRouteGetsEverythingOverHttpAtOnce() throws Exception {
    nodes(WsNode.Options.defaults().withoutWebSocketRoute(),
        new FallbackPolicy(Duration.ofHours(1), Duration.ofHours(1)));
    TransferResult result = transfer(bob.peer());
    assertEquals("http", result.transport());
    assertEquals(0, sent.bytesOver("ws"));
    assertEquals(SIZE, sent.bytesOver("http"));
  }

  @Test
  void aWebSocketCutMidTransferRepeatedlyReconnectsAndDeliversEveryChunkOnce() throws Exception {
    AtomicReference<CountingReceiver> counting = new AtomicReference<>();
    nodes(WsNode.Options.defaults().wsReceiver(r -> {
      counting.set(new CountingReceiver(r));
      return counting.get();
    }), FallbackPolicy.DEFAULT);
    try (CuttingProxy proxy = CuttingProxy.start(bob.port(), 12L * MIB, 4)) {
      TransferResult result = transfer(new Peer(bob.shade.address(), proxy.baseUri()));
      System.out.println("ws cut " + proxy.cuts() + " times: " + result.durationMs() + " ms, "
          + counting.get().duplicates() + " duplicates acknowledged");
      assertEquals(4, proxy.cuts());
      assertEquals("ws", result.transport());
      assertEquals(SIZE, sent.bytesOver("ws"), "every chunk went over a WebSocket");
    }
  }

  @Test
  void aWebSocketThatNeverCarriesAChunkIsDemotedAndTheRestGoesOverHttp() throws Exception {
    nodes(WsNode.Options.defaults(), new FallbackPolicy(Duration.ofMillis(500),
        Duration.ofMinutes(10)));
    try (CuttingProxy proxy = CuttingProxy.start(bob.port(), 1024, Integer.MAX_VALUE)) {
      TransferResult result = transfer(new Peer(bob.shade.address(), proxy.baseUri()));
      System.out.println("ws cut " + proxy.cuts() + " times, then http: " + result.durationMs()
          + " ms");
      assertTrue(proxy.cuts() > 0);
      assertEquals("http", result.transport());
      assertEquals(SIZE, sent.bytesOver("http"));
    }
  }
}
