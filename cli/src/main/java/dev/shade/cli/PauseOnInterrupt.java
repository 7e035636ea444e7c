package dev.shade.cli;

import java.time.Duration;

/**
 * Ctrl-C (SIGINT, or a plain {@code kill}) while {@code send} or {@code resume} runs: closes the
 * node, which pauses its uploads (their state stays in the home, the receiver keeps what it has),
 * then waits until the command's thread has reported each paused transfer with the {@code shade
 * resume} command that continues it, and lets the JVM exit (status 130 after SIGINT).
 *
 * <p>A shutdown hook from {@link #install} until {@link #close}; what runs it (the JVM, on a
 * signal or at exit) runs it once.
 */
final class PauseOnInterrupt implements AutoCloseable {
  /** How long the hook waits for the reports; the JVM exits then regardless. */
  private static final Duration REPORT_WAIT = Duration.ofSeconds(10);
  private final Thread hook;

  private PauseOnInterrupt(Thread hook) {
    this.hook = hook;
  }

  static PauseOnInterrupt install(LocalNode node, TransferTracker tracker) {
    Thread hook = new Thread(() -> {
      node.close();
      try {
        tracker.awaitReported(REPORT_WAIT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "shade-pause");
    Runtime.getRuntime().addShutdownHook(hook);
    return new PauseOnInterrupt(hook);
  }

  /** The command ended by itself: nothing to pause any more. */
  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs, or has run: it does its job
    }
  }
}
