package dev.shade.transfer;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.ChunkRejectedException;
import dev.shade.transfer.spi.TransferTransportError;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Delivers one stream's envelopes with retries: transient failures back off and try again within
 * the policy's budget; an authentication failure is re-sent a bounded number of times; any other
 * refusal fails the lane (and so the stream), and so does a transport the peer refuses outright
 * when the fallback has none left to try. The same envelope bytes are re-sent, so a retry never
 * encrypts anything anew. It remembers which transports carried acknowledged chunks.
 */
final class ChunkDelivery implements LaneSender.Dispatch {
  private final StreamId streamId;
  private final MultiTransportFallback transport;
  private final ScheduledExecutorService scheduler;
  private final RetryPolicy policy;
  private final EventDispatcher events;
  /**
   * Told which lane failed: a late failure of a lane from before a resync must not end the lanes
   * that replaced it.
   */
  private final BiConsumer<LaneSender, Throwable> streamFailure;
  private final Set<String> carriers = ConcurrentHashMap.newKeySet();

  ChunkDelivery(StreamId streamId, MultiTransportFallback transport,
      ScheduledExecutorService scheduler, RetryPolicy policy, EventDispatcher events,
      BiConsumer<LaneSender, Throwable> streamFailure) {
    this.streamId = streamId;
    this.transport = transport;
    this.scheduler = scheduler;
    this.policy = policy;
    this.events = events;
    this.streamFailure = streamFailure;
  }

  @Override
  public void send(LaneSender lane, long seq, byte[] envelope, int plaintextBytes) {
    attempt(new Attempt(lane, seq, envelope, plaintextBytes, System.nanoTime()), 0, 0);
  }

  private record Attempt(LaneSender lane, long seq, byte[] envelope, int plaintextBytes,
      long firstSentNanos) {}

  private void attempt(Attempt a, int transientFailures, int authFailures) {
    if (a.lane().isFailed()) {
      return;
    }
    transport.send(streamId, a.envelope()).whenComplete((carried, error) -> {
      if (error == null || unwrap(error) instanceof ChunkRejectedException) {
        events.emit(l -> l.chunkSent(streamId, a.lane().laneId(), a.seq(), a.plaintextBytes()));
      }
      if (error == null) {
        String name = carried.transport();
        carriers.add(name);
        events.emit(l -> l.chunkAcked(streamId, a.lane().laneId(), a.seq(), a.plaintextBytes(),
            name));
        a.lane().acked(a.seq(), a.envelope()); // after the event: the lane's laneFinished must follow it
        return;
      }
      Throwable cause = unwrap(error);
      if (isTransient(cause)) {
        long elapsedMs = (System.nanoTime() - a.firstSentNanos()) / 1_000_000;
        if (elapsedMs < policy.transientBudget().toMillis()) {
          scheduler.schedule(() -> attempt(a, transientFailures + 1, authFailures),
              policy.backoffMillis(transientFailures), TimeUnit.MILLISECONDS);
          return;
        }
      } else if (isAuthenticationFailure(cause) && authFailures < policy.maxAuthenticationRetries()) {
        attempt(a, transientFailures, authFailures + 1);
        return;
      }
      a.lane().fail(cause);
      streamFailure.accept(a.lane(), cause);
    });
  }

  private static Throwable unwrap(Throwable error) {
    return error instanceof CompletionException && error.getCause() != null
        ? error.getCause() : error;
  }

  /**
   * The transports that carried this stream's acknowledged chunks, in the fallback's order of
   * preference, joined by {@code +}: {@code ws}, or {@code ws+http} for a stream that moved.
   */
  String carriedBy() {
    List<String> used = transport.names().stream().filter(carriers::contains).toList();
    return used.isEmpty() ? transport.preferredName() : String.join("+", used);
  }

  /** A refused transport reaches here only when no other is left: trying it again cannot help. */
  private static boolean isTransient(Throwable cause) {
    if (cause instanceof TransferTransportError) {
      return ((TransferTransportError) cause).kind()
          != TransferTransportError.Kind.TRANSPORT_REFUSED;
    }
    return cause instanceof ChunkRejectedException
        && ((ChunkRejectedException) cause).isRetryable();
  }

  private static boolean isAuthenticationFailure(Throwable cause) {
    return cause instanceof ChunkRejectedException
        && ((ChunkRejectedException) cause).errorCode() == ErrorCode.AUTHENTICATION_FAILED;
  }
}
