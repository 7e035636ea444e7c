package dev.shade.bench.harness;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One of the targets next to what this run measured: met, missed (and by how much, in the
 * goal's unit and as a share of the target), or not measured. Targets, not assertions: a miss
 * fails nothing.
 */
record Goal(String goal, String target, String measured, String status) {
  static final String SCENARIO_NOT_RUN = "scenario not run";

  /** How a goal's values read. */
  enum Unit {
    TIMES("%.2f×"),
    /** A fraction, shown as percentage points. */
    SHARE("%.1f points"),
    MIB("%.1f MiB"),
    PER_SECOND("%.0f/s"),
    MS("%.1f ms");

    private final String format;

    Unit(String format) {
      this.format = format;
    }

    String format(double value) {
      return String.format(Locale.ROOT, format, this == SHARE ? value * 100 : value);
    }
  }

  /** {@code actual} must be at least {@code target}. */
  static Goal atLeast(String goal, String targetText, OptionalDouble actual, double target,
      Unit unit, String measuredText) {
    return check(goal, targetText, actual, target, unit, measuredText, true);
  }

  /** {@code actual} must be at most {@code target}. */
  static Goal atMost(String goal, String targetText, OptionalDouble actual, double target,
      Unit unit, String measuredText) {
    return check(goal, targetText, actual, target, unit, measuredText, false);
  }

  static Goal notMeasured(String goal, String targetText, String why) {
    return new Goal(goal, targetText, "—", "not measured: " + why);
  }

  private static Goal check(String goal, String targetText, OptionalDouble actual, double target,
      Unit unit, String measuredText, boolean higherIsBetter) {
    if (actual.isEmpty()) {
      return notMeasured(goal, targetText, SCENARIO_NOT_RUN);
    }
    double value = actual.getAsDouble();
    if (higherIsBetter ? value >= target : value <= target) {
      return new Goal(goal, targetText, measuredText, "met");
    }
    double gap = Math.abs(value - target);
    String status = "missed by " + unit.format(gap);
    if (unit != Unit.SHARE) {
      status += String.format(Locale.ROOT, " (%.1f%% %s the target)", gap / Math.abs(target) * 100,
          higherIsBetter ? "under" : "over");
    }
    return new Goal(goal, targetText, measuredText, status);
  }
}
