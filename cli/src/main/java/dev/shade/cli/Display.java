package dev.shade.cli;

import java.util.Locale;

/** Text for people: byte counts, rates, durations, and untrusted strings made printable. */
final class Display {
  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

  private Display() {}

  /** {@code 512 B}, {@code 1.5 KiB}, {@code 256.0 MiB}. */
  static String bytes(long count) {
    int unit = unitOf(count);
    return unit < 0 ? count + " B"
        : String.format(Locale.ROOT, "%.1f %s", scaled(count, unit), UNITS[unit]);
  }

  /** {@code 5.2/10.0 MiB}: {@code part} of {@code whole}, both in the unit that suits the whole. */
  static String fraction(long part, long whole) {
    int unit = unitOf(whole);
    return unit < 0 ? part + "/" + whole + " B" : String.format(Locale.ROOT, "%.1f/%.1f %s",
        scaled(part, unit), scaled(whole, unit), UNITS[unit]);
  }

  /** The index in {@link #UNITS} for {@code count}, or -1 for plain bytes. */
  private static int unitOf(long count) {
    int unit = -1;
    for (long value = count; value >= 1024 && unit < UNITS.length - 1; value /= 1024) {
      unit++;
    }
    return unit;
  }

  private static double scaled(long count, int unit) {
    return count / Math.pow(1024, unit + 1);
  }

  /** Megabytes (10^6 bytes) per second, one decimal. */
  static String rate(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1e6);
  }

  /** The rate of {@code bytes} moved in {@code millis}, in MB/s. */
  static String rate(long bytes, long millis) {
    return rate(bytes / (Math.max(1, millis) / 1000.0));
  }

  /** Seconds, two decimals. */
  static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }

  /** {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String clock(long totalSeconds) {
    long h = totalSeconds / 3600;
    long m = totalSeconds / 60 % 60;
    long s = totalSeconds % 60;
    return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  /**
   * {@code text} with every control, bidi and other format character replaced by {@code ?}, so
   * that a file name cannot move the cursor, recolour the terminal or reorder what is shown.
   */
  static String printable(String text) {
    StringBuilder out = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      int type = Character.getType(cp);
      boolean hidden = type == Character.CONTROL || type == Character.FORMAT
          || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
      out.appendCodePoint(hidden ? '?' : cp);
    });
    return out.toString();
  }
}
