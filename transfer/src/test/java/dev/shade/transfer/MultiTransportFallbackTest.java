package dev.shade.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.StreamId;
import dev.shade.transfer.control.MutableClock;
import dev.shade.transfer.spi.ChunkRejectedException;
import dev.shade.transfer.spi.TransferTransportError;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** The fallback's rules, over scripted transports that answer at once. */
class MultiTransportFallbackTest {
  private static final StreamId STREAM = StreamId.of(new byte[16]);
  private static final FallbackPolicy POLICY =
      new FallbackPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10));
  private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
  private final ScriptedChunkTransport ws = new ScriptedChunkTransport("ws");
  private final ScriptedChunkTransport http = new ScriptedChunkTransport("http");
  private final MultiTransportFallback fallback =
      new MultiTransportFallback(List.of(ws.factory(), http.factory()),
          URI.create("http://127.0.0.1:1/v1/transfer"), POLICY, clock);

  @Test
  void aRefusedTransportIsDemotedAndTheSameEnvelopeGoesOutOnTheNextAtOnce() throws Exception {
    ws.answer = ScriptedChunkTransport::refused;
    byte[] envelope = {1, 2, 3};
    assertEquals("http", fallback.send(STREAM, envelope).get().transport());
    assertEquals(List.of(envelope), ws.sent());
    assertEquals(List.of(envelope), http.sent());
    assertEquals("http", fallback.preferredName());
  }

  @Test
  void demotionIsStickyForItsPeriodThenThePreferredTransportIsTriedAgain() throws Exception {
    ws.answer = ScriptedChunkTransport::refused;
    fallback.send(STREAM, new byte[1]).get();
    ws.answer = ScriptedChunkTransport::ack;
    clock.advance(POLICY.stickyFor().minusSeconds(1));
    assertEquals("http", fallback.send(STREAM, new byte[1]).get().transport());
    clock.advance(Duration.ofSeconds(1));
    assertEquals("ws", fallback.send(STREAM, new byte[1]).get().transport());
  }

  @Test
  void failuresShorterThanTheGraceAreLeftToTheEngineToRetry() throws Exception {
    ws.answer = ScriptedChunkTransport::dropped;
    for (int i = 0; i < 10; i++) {
      assertTransportError(fallback.send(STREAM, new byte[1]));
      clock.advance(Duration.ofMillis(400));
    }
    assertEquals(List.of(), http.sent());
    ws.answer = ScriptedChunkTransport::ack;
    assertEquals("ws", fallback.send(STREAM, new byte[1]).get().transport());
  }

  @Test
  void anAckResetsTheFailureStreak() throws Exception {
    ws.answer = ScriptedChunkTransport::dropped;
    assertTransportError(fallback.send(STREAM, new byte[1]));
    clock.advance(Duration.ofSeconds(4));
    ws.answer = ScriptedChunkTransport::ack;
    fallback.send(STREAM, new byte[1]).get();
    ws.answer = ScriptedChunkTransport::dropped;
    clock.advance(Duration.ofSeconds(4));
    assertTransportError(fallback.send(STREAM, new byte[1]));
    assertEquals("ws", fallback.preferredName());
  }

  @Test
  void aTransportFailingForTheWholeGraceIsDemotedAndTheChunkMovesOn() throws Exception {
    ws.answer = ScriptedChunkTransport::dropped;
    assertTransportError(fallback.send(STREAM, new byte[1]));
    clock.advance(POLICY.demoteAfter());
    assertEquals("http", fallback.send(STREAM, new byte[1]).get().transport());
  }

  @Test
  void theLastTransportIsNeverDemoted() {
    ws.answer = ScriptedChunkTransport::refused;
    http.answer = ScriptedChunkTransport::refused;
    assertTransportError(fallback.send(STREAM, new byte[1]));
    assertTransportError(fallback.send(STREAM, new byte[1]));
    assertEquals("http", fallback.preferredName());
  }

  @Test
  void aRefusedChunkIsThePeersAnswerNotATransportFailure() throws Exception {
    ws.answer = (streamId, envelope) -> CompletableFuture.failedFuture(
        new ChunkRejectedException(ErrorCode.WRONG_STATE, "finished"));
    ExecutionException e = assertThrows(ExecutionException.class,
        () -> fallback.send(STREAM, new byte[1]).get());
    assertInstanceOf(ChunkRejectedException.class, e.getCause());
    assertEquals(List.of(), http.sent());
    assertEquals("ws", fallback.preferredName());
  }

  private static void assertTransportError(CompletableFuture<?> future) {
    ExecutionException e = assertThrows(ExecutionException.class, future::get);
    assertInstanceOf(TransferTransportError.class, e.getCause());
  }
}
