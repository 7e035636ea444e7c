package dev.shade.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.control.LoopbackControlTransport;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.TransferTransportError;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which chunk transports an upload uses and reports: a loopback to the receiver, preceded by a
 * scripted "ws" that the receiver refuses, at once or after it carried a few chunks.
 */
class UploadTransportsTest {
  private static final Peer BOB = new Peer(PeerAddress.parse("bob.1"),
      URI.create("loop://bob/v1/transfer"));
  private static final int CHUNK = 1024;
  private final LoopbackControlTransport control = new LoopbackControlTransport();
  private final Shade bob = Shade.builder().protocolStore(ProtocolStateStore.inMemory())
      .address(BOB.address()).controlTransport(control).warmUpCrypto(false).build();
  private final LoopbackChunkTransport loopback = new LoopbackChunkTransport(bob.chunkReceiver());
  private final ScriptedChunkTransport ws = new ScriptedChunkTransport("ws");
  private Shade alice;

  @AfterEach
  void close() {
    alice.close();
    bob.close();
    loopback.close();
  }

  @Test
  void aRefusedTransportWithNoOtherLeftFailsTheUploadWithoutRetrying() {
    ws.answer = ScriptedChunkTransport::refused;
    CompletionException e = assertThrows(CompletionException.class,
        () -> upload(1, ws.factory()).join());
    TransferTransportError refused = assertInstanceOf(TransferTransportError.class, e.getCause());
    assertEquals(TransferTransportError.Kind.TRANSPORT_REFUSED, refused.kind());
    assertEquals(1, ws.sent().size(), "sends of the only chunk");
  }

  @Test
  void aRefusedTransportFailsAFileUploadAtOnceToo(@TempDir Path dir) throws Exception {
    ws.answer = ScriptedChunkTransport::refused;
    Path file = Files.write(dir.resolve("f.bin"), new byte[3 * CHUNK]);
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> upload(Input.file(file), ws.factory()).get(20, TimeUnit.SECONDS));
    TransferTransportError refused = assertInstanceOf(TransferTransportError.class, e.getCause());
    assertEquals(TransferTransportError.Kind.TRANSPORT_REFUSED, refused.kind());
    assertEquals(1, ws.sent().size(), "a range upload does not wait for the receiver either");
  }

  @Test
  void theResultNamesTheTransportThatCarriedTheChunks() throws Exception {
    ws.answer = ScriptedChunkTransport::refused;
    assertEquals("loopback", upload(8, ws.factory(), loopback.factory())
        .get(30, TimeUnit.SECONDS).transport());
  }

  @Test
  void aStreamThatMovedToAnotherTransportNamesBothInOrderOfPreference() throws Exception {
    ws.answer = ScriptedChunkTransport.first(3, loopback::send, ScriptedChunkTransport::refused);
    assertEquals("ws+loopback", upload(8, ws.factory(), loopback.factory())
        .get(30, TimeUnit.SECONDS).transport());
  }

  /** Sends {@code chunks} chunks on one lane from a new node alice with {@code transports}. */
  private CompletableFuture<TransferResult> upload(int chunks,
      ChunkTransportFactory... transports) {
    return upload(Input.bytes(new byte[chunks * CHUNK]), transports);
  }

  private CompletableFuture<TransferResult> upload(Input input,
      ChunkTransportFactory... transports) {
    alice = Shade.builder().protocolStore(ProtocolStateStore.inMemory())
        .address(PeerAddress.parse("alice.1")).controlTransport(control).transports(transports)
        .retryPolicy(new RetryPolicy(Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(2), 3)).warmUpCrypto(false).build();
    control.attach(alice.controlPlane());
    control.attach(bob.controlPlane());
    bob.onIncomingTransfer(in -> in.accept(Output.memory(1 << 20)));
    return alice.upload(Upload.to(BOB).input(input).lanes(1).chunkSizeBytes(CHUNK).build())
        .done();
  }
}
