package dev.shade.transport.ws;

import static dev.shade.transport.ws.TestFiles.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.transfer.Input;
import dev.shade.transfer.Output;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Two whole nodes on real Vert.x servers on loopback, moving real files over one WebSocket. */
class WsTransferTest {
  private static final Vertx vertx = Vertx.vertx();
  private static final ChunkLedger sent = new ChunkLedger();
  private static final ChunkLedger received = new ChunkLedger();
  private static WsNode alice;
  private static WsNode bob;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    alice = WsNode.start(vertx, "alice.1", WsNode.Options.defaults().sendingOver("ws")
        .listener(sent));
    bob = WsNode.start(vertx, "bob.1", WsNode.Options.defaults().listener(received));
  }

  @AfterAll
  static void stop() {
    alice.close();
    bob.close();
    WsNode.await(vertx.close());
  }

  @BeforeEach
  void clearLedgers() {
    sent.clear();
    received.clear();
  }

  private CompletableFuture<TransferResult> receiveInto(Output output) {
    CompletableFuture<TransferResult> result = new CompletableFuture<>();
    bob.shade.onIncomingTransfer(in -> in.accept(output).whenComplete((r, e) -> {
      if (e != null) {
        result.completeExceptionally(e);
      } else {
        result.complete(r);
      }
    }));
    return result;
  }

  @Test
  void aQuarterGibibyteFileArrivesOverFourRangeLanesOnOneWebSocket() throws Exception {
    Path source = dir.resolve("256m.bin");
    String sha = TestFiles.randomFile(source, 256L * MIB, 256);
    Path target = dir.resolve("256m-received.bin");
    CompletableFuture<TransferResult> arrived = receiveInto(Output.file(target));
    TransferResult result = alice.shade.upload(Upload.to(bob.peer()).input(Input.file(source))
        .lanes(4).build()).done().get(120, TimeUnit.SECONDS);
    System.out.println("ws range 256 MiB: " + result.durationMs() + " ms");
    assertEquals(sha, result.sha256());
    assertEquals("ws", result.transport());
    assertEquals(sha, arrived.get(10, TimeUnit.SECONDS).sha256());
    assertEquals(sha, TestFiles.sha256Of(target));
    assertEquals(Set.of("ws"), sent.transports());
    assertEquals(256L * MIB, received.bytes());
    Files.delete(source);
    Files.delete(target);
  }

  @Test
  void aQuarterGibibyteStreamOfUnknownSizeArrivesRoundRobinOnOneWebSocket() throws Exception {
    Path source = dir.resolve("256m-stream.bin");
    String sha = TestFiles.randomFile(source, 256L * MIB, 7);
    Path target = dir.resolve("256m-stream-received.bin");
    try (InputStream in = Files.newInputStream(source);
        OutputStream out = Files.newOutputStream(target)) {
      CompletableFuture<TransferResult> arrived = receiveInto(Output.stream(out));
      TransferResult result = alice.shade.upload(Upload.to(bob.peer()).input(Input.stream(in))
          .lanes(4).build()).done().get(120, TimeUnit.SECONDS);
      System.out.println("ws round-robin 256 MiB: " + result.durationMs() + " ms");
      assertEquals(sha, result.sha256());
      assertEquals(sha, arrived.get(10, TimeUnit.SECONDS).sha256());
    }
    assertEquals(sha, TestFiles.sha256Of(target));
    assertEquals(Set.of("ws"), sent.transports());
    Files.delete(source);
    Files.delete(target);
  }

  @ParameterizedTest(name = "{0} bytes over {1} lanes")
  @CsvSource({"0,1", "1,64", "1025,64", "70000,3", "200000,2"})
  void edgeSizesArriveOverOneAndSixtyFourLanes(int size, int lanes) throws Exception {
    Path source = dir.resolve("edge-" + size + "-" + lanes);
    String sha = TestFiles.randomFile(source, size, size * 31L + lanes);
    Path target = dir.resolve("edge-" + size + "-" + lanes + ".out");
    CompletableFuture<TransferResult> arrived = receiveInto(Output.file(target));
    alice.shade.upload(Upload.to(bob.peer()).input(Input.file(source)).lanes(lanes)
        .chunkSizeBytes(1024).build()).done().get(60, TimeUnit.SECONDS);
    arrived.get(10, TimeUnit.SECONDS);
    assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(target));
    assertEquals(sha, TestFiles.sha256Of(target));
  }
}
