package dev.shade.transfer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers listener events on one thread ({@code shade-events}), in the order they were emitted,
 * so a listener sees each stream's events in a consistent order and never concurrently. Events
 * emitted after {@link #close()} are dropped.
 */
final class EventDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);
  private final TransferListener listener;
  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "shade-events");
    t.setDaemon(true);
    return t;
  });

  EventDispatcher(TransferListener listener) {
    this.listener = listener;
  }

  void emit(Consumer<TransferListener> event) {
    if (listener == TransferListener.NONE) {
      return;
    }
    try {
      thread.execute(() -> {
        try {
          event.accept(listener);
        } catch (RuntimeException e) {
          LOG.warn("transfer listener threw; ignoring", e);
        }
      });
    } catch (RejectedExecutionException closed) {
      // the node was closed while a stream was still ending: nobody listens any more
      LOG.debug("event after close dropped");
    }
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
