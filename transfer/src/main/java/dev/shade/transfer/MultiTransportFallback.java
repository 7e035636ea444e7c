package dev.shade.transfer;

import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkTransport;
import dev.shade.transfer.spi.ChunkTransportFactory;
import dev.shade.transfer.spi.StreamStateView;
import dev.shade.transfer.spi.TransferTransportError;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data plane to one peer over an ordered list of transports, by {@link FallbackPolicy}: each
 * call goes to the first transport not demoted; a transport error may demote it, and when it does
 * the call moves on to the next transport at once. Transports are connected on first use. The
 * engine knows none of them by name: it learns which one carried each chunk from {@link Carried}.
 *
 * <p>Thread safety: safe for concurrent use; the demotion state is guarded by this object.
 */
final class MultiTransportFallback implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MultiTransportFallback.class);
  private final URI peer;
  private final FallbackPolicy policy;
  private final Clock clock;
  private final Slot[] slots;

  /** An acknowledgement and the name of the transport that carried the chunk. */
  record Carried(ChunkAck ack, String transport) {}

  /** One transport of the list and its health for this peer. */
  private static final class Slot {
    final ChunkTransportFactory factory;
    ChunkTransport transport;
    Instant demotedUntil = Instant.MIN;
    Instant failingSince;

    Slot(ChunkTransportFactory factory) {
      this.factory = factory;
    }
  }

  MultiTransportFallback(List<ChunkTransportFactory> factories, URI peer, FallbackPolicy policy,
      Clock clock) {
    if (factories.isEmpty()) {
      throw new IllegalArgumentException("no chunk transport configured");
    }
    this.peer = peer;
    this.policy = policy;
    this.clock = clock;
    this.slots = factories.stream().map(Slot::new).toArray(Slot[]::new);
  }

  /** Delivers one envelope on the preferred transport, falling back as the policy says. */
  CompletableFuture<Carried> send(StreamId streamId, byte[] envelope) {
    return route(preferred(), 0, t -> t.send(streamId, envelope), Carried::new);
  }

  /** The receiver's view of the stream, asked over the preferred transport. */
  CompletableFuture<StreamStateView> state(StreamId streamId) {
    return route(preferred(), 0, t -> t.state(streamId), (view, name) -> view);
  }

  /** The transports' names, in order of preference. */
  List<String> names() {
    return Stream.of(slots).map(slot -> slot.factory.name()).toList();
  }

  /** The name of the transport that calls go to now. */
  synchronized String preferredName() {
    return slots[preferred()].factory.name();
  }

  private <T, R> CompletableFuture<R> route(int index, int hops,
      Function<ChunkTransport, CompletableFuture<T>> call, BiFunction<T, String, R> result) {
    ChunkTransport transport;
    try {
      transport = transport(index);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return call.apply(transport).handle((value, error) -> {
      if (error == null) {
        healthy(index);
        return CompletableFuture.completedFuture(result.apply(value, transport.name()));
      }
      Throwable cause = error instanceof CompletionException && error.getCause() != null
          ? error.getCause() : error;
      if (!(cause instanceof TransferTransportError)) {
        healthy(index); // the peer answered: the transport works
        return CompletableFuture.<R>failedFuture(cause);
      }
      int next = failed(index, (TransferTransportError) cause);
      if (next != index && hops < slots.length) {
        return route(next, hops + 1, call, result);
      }
      return CompletableFuture.<R>failedFuture(cause);
    }).thenCompose(Function.identity());
  }

  private synchronized ChunkTransport transport(int index) {
    Slot slot = slots[index];
    if (slot.transport == null) {
      slot.transport = slot.factory.connect(peer);
    }
    return slot.transport;
  }

  /** The first transport not demoted, else the last one. */
  private synchronized int preferred() {
    Instant now = clock.instant();
    for (int i = 0; i < slots.length - 1; i++) {
      if (!now.isBefore(slots[i].demotedUntil)) {
        return i;
      }
    }
    return slots.length - 1;
  }

  private synchronized void healthy(int index) {
    slots[index].failingSince = null;
  }

  /** Records a failure, demoting the transport when the policy says so; returns the preferred. */
  private synchronized int failed(int index, TransferTransportError error) {
    Slot slot = slots[index];
    Instant now = clock.instant();
    if (slot.failingSince == null) {
      slot.failingSince = now;
    }
    boolean refused = error.kind() == TransferTransportError.Kind.TRANSPORT_REFUSED;
    boolean failingTooLong = !now.isBefore(slot.failingSince.plus(policy.demoteAfter()));
    if (index < slots.length - 1 && !now.isBefore(slot.demotedUntil) && (refused || failingTooLong)) {
      slot.demotedUntil = now.plus(policy.stickyFor());
      slot.failingSince = null;
      LOG.info("demoting {} to {} until {}: {}", slot.factory.name(), peer, slot.demotedUntil,
          error.getMessage());
    }
    return preferred();
  }

  @Override
  public synchronized void close() {
    for (Slot slot : slots) {
      if (slot.transport != null) {
        slot.transport.close();
      }
    }
  }
}
