package dev.shade.transfer.control;

import java.util.regex.Pattern;

/**
 * The 60-digit safety number two peers compare to verify each other's identity keys: libsignal's
 * {@code NumericFingerprintGenerator(5200)}, version 2, over both names and identity keys. Both
 * sides compute the same digits.
 */
public record SafetyNumber(String digits) {
  public static final int DIGITS = 60;
  private static final Pattern SIXTY_DIGITS = Pattern.compile("[0-9]{60}");

  public SafetyNumber {
    if (digits == null || !SIXTY_DIGITS.matcher(digits).matches()) {
      throw new IllegalArgumentException("a safety number is 60 decimal digits");
    }
  }

  /** The digits in 12 groups of 5 separated by spaces, as people read them aloud. */
  public String grouped() {
    StringBuilder out = new StringBuilder(DIGITS + 11);
    for (int i = 0; i < DIGITS; i += 5) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(digits, i, i + 5);
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return grouped();
  }
}
