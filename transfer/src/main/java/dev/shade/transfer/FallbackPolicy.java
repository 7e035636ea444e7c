package dev.shade.transfer;

import java.time.Duration;

/**
 * How a node moves between its chunk transports to one peer (the factories given to {@link
 * Shade.Builder#transports}, in order of preference, e.g. {@code [ws, http]}).
 *
 * <ul>
 *   <li>A transport the peer refuses outright (a WebSocket upgrade answered with an HTTP error) is
 *       demoted at once, and the chunk goes out on the next transport without delay. When the
 *       last transport is refused, the upload fails at once: trying it again cannot help.
 *   <li>A transport that keeps failing (connection refused, dropped, timed out) with no ack in
 *       between for {@code demoteAfter} is demoted. Shorter outages are ridden out: the engine
 *       re-sends with backoff and the transport reconnects.
 *   <li>A demoted transport stays demoted for that peer for {@code stickyFor}, then is tried first
 *       again. The last transport of the list is never demoted: there is nothing after it.
 * </ul>
 *
 * Chunks that were in flight on a failing transport are re-sent, as the same envelope bytes, on
 * whichever transport is preferred when the engine retries them; the stream goes on from what the
 * receiver acknowledged.
 */
public record FallbackPolicy(Duration demoteAfter, Duration stickyFor) {
  public static final FallbackPolicy DEFAULT =
      new FallbackPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10));

  public FallbackPolicy {
    if (demoteAfter.isNegative() || stickyFor.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }
}
