package dev.shade.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shade.transfer.IncomingTransfer;
import dev.shade.transfer.Input;
import dev.shade.transfer.Output;
import dev.shade.transfer.TransferAbortedException;
import dev.shade.transfer.TransferDeclinedException;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import dev.shade.transfer.UploadHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decline, abort from either side, late accept and accept timeout, between two real nodes. */
class HttpTransferLifecycleTest {
  private static final int MIB = 1 << 20;
  private static TwoNodes nodes;
  private static ShadeNode alice;
  private static ShadeNode bob;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    nodes = new TwoNodes();
    alice = nodes.alice;
    bob = nodes.bob;
  }

  @AfterAll
  static void stop() {
    nodes.close();
  }

  private Path source(long size) throws Exception {
    Path file = dir.resolve("src-" + size);
    HttpTransferTest.randomFile(file, size, size);
    return file;
  }

  private static Throwable causeOf(CompletableFuture<?> future) throws Exception {
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> future.get(60, TimeUnit.SECONDS));
    return e.getCause();
  }

  private void assertNothingLeftAt(Path target) throws Exception {
    assertFalse(Files.exists(target), "no file at the target");
    Path partial = target.getParent().resolve(".shade-partial");
    if (Files.exists(partial)) {
      try (Stream<Path> files = Files.list(partial)) {
        assertEquals(0, files.count(), "no partial file left");
      }
    }
  }

  /** A long upload in small chunks, one in flight per lane, that Bob accepts into {@code target}. */
  private UploadHandle startSlowUploadInto(Path target,
      CompletableFuture<IncomingTransfer> incoming) throws Exception {
    bob.shade.onIncomingTransfer(in -> {
      in.accept(Output.file(target));
      incoming.complete(in);
    });
    return alice.shade.upload(Upload.to(bob.peer()).input(Input.file(source(256L * MIB)))
        .chunkSizeBytes(64 * 1024).lanes(2).window(1).build());
  }

  @Test
  void declineEndsTheUploadWithTheReceiversReason() throws Exception {
    bob.shade.onIncomingTransfer(in -> in.decline("inbox full"));
    UploadHandle h = alice.shade.upload(Upload.to(bob.peer()).input(Input.file(source(MIB)))
        .build());
    TransferDeclinedException e = assertInstanceOf(TransferDeclinedException.class, causeOf(h.done()));
    assertEquals("inbox full", e.reason());
  }

  @Test
  void senderAbortMidTransferLeavesNoFileAtTheReceiver() throws Exception {
    Path target = dir.resolve("sender-abort.bin");
    CompletableFuture<IncomingTransfer> incoming = new CompletableFuture<>();
    UploadHandle h = startSlowUploadInto(target, incoming);
    IncomingTransfer in = incoming.get(30, TimeUnit.SECONDS);
    h.abort("user pressed stop");
    assertInstanceOf(TransferAbortedException.class, causeOf(h.done()));
    TransferAbortedException atReceiver =
        assertInstanceOf(TransferAbortedException.class, causeOf(in.done()));
    assertEquals("user pressed stop", atReceiver.reason());
    assertNothingLeftAt(target);
  }

  @Test
  void receiverAbortMidTransferFailsTheSenderAndLeavesNoFile() throws Exception {
    Path target = dir.resolve("receiver-abort.bin");
    CompletableFuture<IncomingTransfer> incoming = new CompletableFuture<>();
    UploadHandle h = startSlowUploadInto(target, incoming);
    incoming.get(30, TimeUnit.SECONDS).abort("disk quota");
    TransferAbortedException e = assertInstanceOf(TransferAbortedException.class, causeOf(h.done()));
    assertEquals("disk quota", e.reason());
    assertEquals(true, e.byPeer());
    assertNothingLeftAt(target);
  }

  @Test
  void acceptAfterSeveralSecondsStillCompletes() throws Exception {
    Path target = dir.resolve("late.bin");
    Path source = source(3 * MIB + 5);
    bob.shade.onIncomingTransfer(in -> CompletableFuture.delayedExecutor(3, TimeUnit.SECONDS)
        .execute(() -> in.accept(Output.file(target))));
    TransferResult sent = alice.shade.upload(Upload.to(bob.peer()).input(Input.file(source))
        .build()).done().get(60, TimeUnit.SECONDS);
    assertEquals(HttpTransferTest.sha256Of(source), sent.sha256());
    assertEquals(sent.sha256(), HttpTransferTest.sha256Of(target));
  }

  @Test
  void senderGivesUpAfterItsAcceptTimeoutAndTheReceiverForgetsTheOffer() throws Exception {
    CompletableFuture<IncomingTransfer> incoming = new CompletableFuture<>();
    bob.shade.onIncomingTransfer(incoming::complete);
    UploadHandle h = alice.shade.upload(Upload.to(bob.peer()).input(Input.file(source(MIB)))
        .acceptTimeout(Duration.ofMillis(2500)).build());
    TransferAbortedException e = assertInstanceOf(TransferAbortedException.class, causeOf(h.done()));
    assertFalse(e.byPeer());
    IncomingTransfer offer = incoming.get(5, TimeUnit.SECONDS);
    assertInstanceOf(TransferAbortedException.class, causeOf(offer.done()));
    assertThrows(IllegalStateException.class, () -> offer.accept(Output.file(dir.resolve("x"))));
  }
}
