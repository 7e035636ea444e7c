package dev.shade.streams;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules for {@link FileMetadata} (DESIGN.md, "fileMetadata" and "Errors and names"), in one
 * place so that sender and receiver enforce the same ones. A sender calls {@link #validate} before
 * it sends; a receiver calls {@link #firstViolation} and, if there is one, declines the stream with
 * {@link Violation#declineReason()} (a policy refusal, not a 400).
 *
 * <ul>
 *   <li>{@code filename}: 1..1024 code points; no C0 controls (U+0000–U+001F), DEL (U+007F), C1
 *       controls (U+0080–U+009F) or bidi controls (U+202A–U+202E, U+2066–U+2069); no {@code /} or
 *       {@code \}; not {@code .} or {@code ..}; not starting with {@code .shade} in any letter
 *       case (so it can never name the receiver's {@code .shade-partial} folder, even on a
 *       case-insensitive file system).
 *   <li>{@code mimeType}: an RFC 7231 {@code type/subtype} pair of tokens, without parameters.
 *   <li>{@code thumbnailHash}: 64 lowercase hex digits (SHA-256 of the preview bytes).
 *   <li>{@code thumbnailMime}: exactly {@code image/jpeg}, {@code image/webp} or {@code image/png}.
 *   <li>{@code thumbnailBytes}: 0..65536.
 *   <li>{@code thumbnailStreamId}: any {@link StreamId} (its form is checked when parsed).
 * </ul>
 *
 * <p>Absent fields break no rule. Messages never quote the offending value. Stateless and
 * thread-safe.
 */
public final class FileMetadataRules {
  public static final int MAX_FILENAME_CODE_POINTS = 1024;
  public static final int MAX_THUMBNAIL_BYTES = 64 * 1024;
  public static final Set<String> THUMBNAIL_MIME_TYPES =
      Set.of("image/jpeg", "image/webp", "image/png");
  /** Reserved prefix: the receiver's partial files live under {@code .shade-partial}. */
  static final String RESERVED_PREFIX = ".shade";

  // RFC 7231 §3.1.1.1: type "/" subtype, each a token of tchar (RFC 7230 §3.2.6).
  private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
  private static final Pattern MIME_TYPE = Pattern.compile(TOKEN + "/" + TOKEN);
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private FileMetadataRules() {}

  /** A broken rule: the field (relative to {@code fileMetadata}) and what is wrong with it. */
  public record Violation(String field, String problem) {
    public Violation {
      FieldChecks.required("field", field);
      FieldChecks.required("problem", problem);
    }

    /** Text for a {@code stream-decline} reason, e.g. {@code "fileMetadata.filename: is .."}. */
    public String declineReason() {
      return "fileMetadata." + field + ": " + problem;
    }

    /** This violation as the exception {@link #validate} throws. */
    public ShadeFormatException toException() {
      return new ShadeFormatException(field, problem);
    }
  }

  /**
   * Checks every rule.
   *
   * @throws ShadeFormatException naming the first field that breaks a rule ({@code filename}, …)
   */
  public static FileMetadata validate(FileMetadata metadata) {
    Optional<Violation> violation = firstViolation(metadata);
    if (violation.isPresent()) {
      throw violation.get().toException();
    }
    return metadata;
  }

  /** The first broken rule, in field order, or empty when {@code metadata} may be sent. */
  public static Optional<Violation> firstViolation(FileMetadata metadata) {
    Optional<Violation> found = filenameViolation(metadata.filename());
    if (found.isEmpty()) {
      found = mimeTypeViolation(metadata.mimeType());
    }
    if (found.isEmpty()) {
      found = thumbnailViolation(metadata);
    }
    return found;
  }

  /** The first rule {@code filename} breaks, if any ({@code null} breaks none). */
  public static Optional<Violation> filenameViolation(String filename) {
    if (filename == null) {
      return Optional.empty();
    }
    int codePoints = filename.codePointCount(0, filename.length());
    if (codePoints < 1 || codePoints > MAX_FILENAME_CODE_POINTS) {
      return violation("filename", "must be 1.." + MAX_FILENAME_CODE_POINTS
          + " code points, was " + codePoints);
    }
    if (filename.equals(".") || filename.equals("..")) {
      return violation("filename", "must not be . or ..");
    }
    if (filename.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length())) {
      return violation("filename", "must not start with " + RESERVED_PREFIX);
    }
    return forbiddenCharacter(filename);
  }

  private static Optional<Violation> forbiddenCharacter(String filename) {
    int index = 0;
    for (int i = 0; i < filename.length(); index++) {
      int cp = filename.codePointAt(i);
      String what = forbiddenKind(cp);
      if (what != null) {
        return violation("filename", String.format(Locale.ROOT,
            "contains %s U+%04X at code point %d", what, cp, index));
      }
      i += Character.charCount(cp);
    }
    return Optional.empty();
  }

  private static String forbiddenKind(int cp) {
    if (cp <= 0x1F || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F)) {
      return "a control character";
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      return "a bidi control";
    }
    if (cp == '/' || cp == '\\') {
      return "a path separator";
    }
    if (Character.isSurrogate((char) cp) && cp <= 0xFFFF) {
      return "an unpaired surrogate";
    }
    return null;
  }

  private static Optional<Violation> mimeTypeViolation(String mimeType) {
    if (mimeType != null && !MIME_TYPE.matcher(mimeType).matches()) {
      return violation("mimeType", "must be an RFC 7231 type/subtype token pair, no parameters");
    }
    return Optional.empty();
  }

  private static Optional<Violation> thumbnailViolation(FileMetadata m) {
    if (m.thumbnailHash() != null && !SHA256_HEX.matcher(m.thumbnailHash()).matches()) {
      return violation("thumbnailHash", "must be 64 lowercase hex digits");
    }
    if (m.thumbnailMime() != null && !THUMBNAIL_MIME_TYPES.contains(m.thumbnailMime())) {
      return violation("thumbnailMime", "must be image/jpeg, image/webp or image/png");
    }
    if (m.thumbnailBytes() != null
        && (m.thumbnailBytes() < 0 || m.thumbnailBytes() > MAX_THUMBNAIL_BYTES)) {
      return violation("thumbnailBytes", "must be 0.." + MAX_THUMBNAIL_BYTES + ", was "
          + m.thumbnailBytes());
    }
    return Optional.empty();
  }

  private static Optional<Violation> violation(String field, String problem) {
    return Optional.of(new Violation(field, problem));
  }
}
