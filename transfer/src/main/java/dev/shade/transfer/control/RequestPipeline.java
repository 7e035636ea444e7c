package dev.shade.transfer.control;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Keeps concurrent requests to one peer within what the Double Ratchet can decrypt out of order.
 *
 * <p>libsignal keeps five receiving chains per session; a ping-pong exchange starts a new chain at
 * every turn, so a reply that arrives after five newer turns no longer decrypts. This pipeline
 * admits at most {@link #MAX_IN_FLIGHT} requests per peer, seals them in ticket order, and opens
 * their replies in the same order: a request then sees at most {@code MAX_IN_FLIGHT - 1} newer
 * turns on either side before its reply is opened.
 */
final class RequestPipeline {
  static final int MAX_IN_FLIGHT = 4;

  private final Semaphore window = new Semaphore(MAX_IN_FLIGHT, true);
  private long nextTicket;
  private long nextToOpen;

  record Ticket(long number, byte[] envelope) {}

  /** Waits for a slot, then seals under this pipeline's order. */
  Ticket begin(Supplier<byte[]> seal) {
    window.acquireUninterruptibly();
    try {
      synchronized (this) {
        byte[] envelope = seal.get();
        return new Ticket(nextTicket++, envelope);
      }
    } catch (RuntimeException | Error e) {
      window.release();
      throw e;
    }
  }

  /** Returns once every earlier ticket has finished. */
  synchronized void awaitTurn(Ticket ticket) {
    boolean interrupted = false;
    while (nextToOpen != ticket.number()) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true; // order must hold: keep waiting, restore the flag afterwards
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Hands the turn to the next ticket and frees the slot. Call once, after {@link #awaitTurn}. */
  void finish(Ticket ticket) {
    synchronized (this) {
      nextToOpen = ticket.number() + 1;
      notifyAll();
    }
    window.release();
  }
}
