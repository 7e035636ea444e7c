package dev.shade.transfer.control;

import java.time.Duration;

/**
 * How a node keeps its prekeys fresh.
 *
 * @param rotationPeriod a new signed prekey and Kyber prekey are made when the current ones are
 *     this old (DESIGN.md: weekly)
 * @param overlap a replaced prekey is kept this long after its successor appeared, so that late
 *     first messages still decrypt (DESIGN.md: 14 days)
 * @param preKeyBatch how many one-time prekeys a replenishment makes
 * @param preKeyLowWater replenish when fewer unserved one-time prekeys remain; 0 never replenishes
 */
public record KeyRotationPolicy(Duration rotationPeriod, Duration overlap, int preKeyBatch,
    int preKeyLowWater) {
  public static final KeyRotationPolicy DEFAULT =
      new KeyRotationPolicy(Duration.ofDays(7), Duration.ofDays(14), 100, 25);

  public KeyRotationPolicy {
    if (rotationPeriod == null || rotationPeriod.isNegative() || rotationPeriod.isZero()) {
      throw new IllegalArgumentException("rotationPeriod must be positive");
    }
    if (overlap == null || overlap.isNegative()) {
      throw new IllegalArgumentException("overlap must not be negative");
    }
    if (preKeyBatch < 0 || preKeyBatch > 10_000) {
      throw new IllegalArgumentException("preKeyBatch must be 0..10000");
    }
    if (preKeyLowWater < 0 || preKeyLowWater > preKeyBatch) {
      throw new IllegalArgumentException("preKeyLowWater must be 0..preKeyBatch");
    }
  }
}
