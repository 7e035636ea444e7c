package dev.shade.transfer.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides, from the creation times of a family of rotating prekeys, whether a new one is due and
 * which old ones have outlived their overlap. A replaced key expires {@code overlap} after the key
 * that replaced it was made, never merely because it is old.
 */
final class RotationSchedule {
  private final KeyRotationPolicy policy;

  RotationSchedule(KeyRotationPolicy policy) {
    this.policy = policy;
  }

  boolean due(Map<Integer, Long> createdAtMillisById, Instant now) {
    return createdAtMillisById.isEmpty()
        || newestMillis(createdAtMillisById) + policy.rotationPeriod().toMillis()
            <= now.toEpochMilli();
  }

  List<Integer> expired(Map<Integer, Long> createdAtMillisById, Instant now) {
    TreeMap<Long, Integer> byTime = new TreeMap<>();
    createdAtMillisById.forEach((id, millis) -> byTime.put(millis, id));
    List<Integer> expired = new ArrayList<>();
    Long successorMillis = null;
    for (Map.Entry<Long, Integer> entry : byTime.descendingMap().entrySet()) {
      if (successorMillis != null
          && successorMillis + policy.overlap().toMillis() <= now.toEpochMilli()) {
        expired.add(entry.getValue());
      }
      successorMillis = entry.getKey();
    }
    return expired;
  }

  static long newestMillis(Map<Integer, Long> createdAtMillisById) {
    return createdAtMillisById.values().stream().mapToLong(Long::longValue).max().orElseThrow();
  }
}
