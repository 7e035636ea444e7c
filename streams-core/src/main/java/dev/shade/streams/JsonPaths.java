package dev.shade.streams;

import java.util.regex.Pattern;

/**
 * Dotted field paths for errors ({@code metadata.lanes}, {@code lanes[2].sha256}). Records name
 * fields relative to themselves; the codec, which knows where a record sits, re-roots the error.
 * Names chosen by the peer appear in a path only when they are plain ASCII words, so an error
 * message never carries control characters or bidi tricks into a log.
 */
final class JsonPaths {
  /** The field of errors about the message as a whole: size, encoding, JSON syntax. */
  static final String BODY = "body";
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private JsonPaths() {}

  static boolean isPlainName(String name) {
    return PLAIN_NAME.matcher(name).matches();
  }

  static String child(String path, String name) {
    String shown = isPlainName(name) ? name : "(field)";
    return path.isEmpty() ? shown : path + "." + shown;
  }

  static String element(String path, int index) {
    return path + "[" + index + "]";
  }

  /** {@code e} with its field re-rooted under {@code path} (unchanged when {@code path} is empty). */
  static ShadeFormatException reRooted(String path, ShadeFormatException e) {
    if (path.isEmpty()) {
      return e;
    }
    // ShadeFormatException's message is "<field>: <problem>".
    String problem = e.getMessage().substring(e.field().length() + 2);
    return new ShadeFormatException(path + "." + e.field(), problem);
  }
}
