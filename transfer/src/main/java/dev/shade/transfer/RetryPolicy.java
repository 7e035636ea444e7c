package dev.shade.transfer;

import java.time.Duration;

/**
 * How a lane re-sends a chunk: transient failures (connection reset, timeout, {@code overloaded})
 * back off from {@code initialBackoff}, doubling up to {@code maxBackoff}, until {@code
 * transientBudget} has passed without an ack; a chunk the receiver could not authenticate is sent
 * again at most {@code maxAuthenticationRetries} times, then the stream is aborted.
 */
public record RetryPolicy(Duration initialBackoff, Duration maxBackoff, Duration transientBudget,
    int maxAuthenticationRetries) {
  public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofMillis(50),
      Duration.ofSeconds(2), Duration.ofMinutes(2), 3);

  public RetryPolicy {
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0
        || transientBudget.isNegative() || maxAuthenticationRetries < 0) {
      throw new IllegalArgumentException("invalid retry policy");
    }
  }

  long backoffMillis(int attempt) {
    long base = initialBackoff.toMillis() << Math.min(attempt, 20);
    return Math.min(maxBackoff.toMillis(), Math.max(1, base));
  }
}
