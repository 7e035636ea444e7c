package dev.shade.bench.harness;

import java.time.Duration;

/**
 * One direction of an emulated link: bytes are serialised at the link's rate, one packet after
 * another, then travel for the one-way delay. A packet of {@code n} bytes that arrives at {@code t}
 * starts when both it and the link are ready and comes out {@code n × 8 / rate + delay} later:
 *
 * <pre>
 * start    = max(arrival, linkFreeAt)
 * linkFreeAt = start + bytes × 8 / bitsPerSecond
 * delivery = linkFreeAt + oneWayDelay
 * </pre>
 *
 * A rate of 0 means unlimited (delay only). Thread-safe: connections sharing a direction share its
 * rate, as they share a real link.
 */
final class LinkSchedule {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  /** The least the link holds in flight and queued, so that a slow rate still moves. */
  private static final long MIN_CAPACITY_BYTES = 256 * 1024;

  private final long oneWayDelayNanos;
  private final long bitsPerSecond;
  private long linkFreeAtNanos = Long.MIN_VALUE;

  LinkSchedule(Duration oneWayDelay, long bitsPerSecond) {
    if (oneWayDelay.isNegative() || bitsPerSecond < 0) {
      throw new IllegalArgumentException("delay and rate must not be negative: " + oneWayDelay
          + ", " + bitsPerSecond);
    }
    this.oneWayDelayNanos = oneWayDelay.toNanos();
    this.bitsPerSecond = bitsPerSecond;
  }

  /** When {@code bytes} that enter the link at {@code arrivalNanos} come out at the far end. */
  synchronized long deliveryNanos(long arrivalNanos, int bytes) {
    long start = Math.max(arrivalNanos, linkFreeAtNanos);
    linkFreeAtNanos = start + serializationNanos(bytes);
    return linkFreeAtNanos + oneWayDelayNanos;
  }

  /** How long {@code bytes} take to pass at the link's rate. */
  long serializationNanos(long bytes) {
    if (bitsPerSecond == 0) {
      return 0;
    }
    return Math.round(bytes * 8.0 * NANOS_PER_SECOND / bitsPerSecond);
  }

  /**
   * How many bytes may be inside this direction at once: what is in flight at full rate over the
   * one-way delay, plus a bottleneck queue of one round trip's worth (a common router buffer).
   * When it is full the emulator stops reading, and TCP's flow control slows the sender.
   */
  long capacityBytes() {
    if (bitsPerSecond == 0) {
      return 64L << 20;
    }
    double bytesPerNano = bitsPerSecond / 8.0 / NANOS_PER_SECOND;
    return Math.max(MIN_CAPACITY_BYTES, (long) (bytesPerNano * 3 * oneWayDelayNanos));
  }
}
