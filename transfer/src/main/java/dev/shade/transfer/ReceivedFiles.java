package dev.shade.transfer;

import dev.shade.streams.StreamId;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Naming and publishing received files: only a sanitised base name, never outside the target
 * folder, never over an existing file. {@link #safeName} is public so that an application can show
 * a person the name an {@link Output#inbox} stream will land under before accepting it.
 */
public final class ReceivedFiles {
  private static final int MAX_COLLISIONS = 10_000;

  private ReceivedFiles() {}

  /**
   * A safe file name from a sender's suggestion: the base name after the last {@code /} or {@code
   * \}, without control, bidi or escape characters, not hidden as {@code .shade*}, not {@code .} or
   * {@code ..}; {@code <streamId>.bin} when nothing usable is left.
   */
  public static String safeName(String suggested, StreamId streamId) {
    String fallback = streamId.toBase64Url() + ".bin";
    if (suggested == null) {
      return fallback;
    }
    String base = suggested.substring(Math.max(suggested.lastIndexOf('/'),
        suggested.lastIndexOf('\\')) + 1);
    StringBuilder clean = new StringBuilder();
    base.codePoints().filter(ReceivedFiles::allowed).forEach(clean::appendCodePoint);
    String name = clean.toString().strip();
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.startsWith(".shade")) {
      return fallback;
    }
    return name;
  }

  private static boolean allowed(int cp) {
    boolean control = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
    boolean bidi = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x200e || cp == 0x200f || cp == 0x061c;
    return !control && !bidi && cp != '/' && cp != '\\' && cp != ':';
  }

  /**
   * Publishes {@code partial} as {@code target}, or {@code name (1).ext}, {@code name (2).ext}, ...
   * when taken. A hard link is atomic and fails rather than replace, so a concurrent writer of the
   * same name never loses its file.
   */
  static Path publish(Path partial, Path target) throws IOException {
    for (int n = 0; n < MAX_COLLISIONS; n++) {
      Path candidate = n == 0 ? target : target.resolveSibling(numbered(target.getFileName().toString(), n));
      try {
        Files.createLink(candidate, partial);
        Files.delete(partial);
        return candidate;
      } catch (FileAlreadyExistsException taken) {
        // try the next number
      }
    }
    throw new IOException("no free name for " + target + " after " + MAX_COLLISIONS + " tries");
  }

  static String numbered(String name, int n) {
    int dot = name.lastIndexOf('.');
    if (dot <= 0) {
      return name + " (" + n + ")";
    }
    return name.substring(0, dot) + " (" + n + ")" + name.substring(dot);
  }
}
