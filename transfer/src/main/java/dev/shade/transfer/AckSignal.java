package dev.shade.transfer;

import java.util.function.BooleanSupplier;

/** Wakes a reader that waits for acknowledgements on any lane of its stream. */
final class AckSignal {
  synchronized void signal() {
    notifyAll();
  }

  /** Waits until {@code condition} holds, re-checking on every ack (and every 50 ms). */
  synchronized void awaitUntil(BooleanSupplier condition) throws InterruptedException {
    while (!condition.getAsBoolean()) {
      wait(50);
    }
  }
}
