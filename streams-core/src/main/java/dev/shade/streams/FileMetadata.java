package dev.shade.streams;

/**
 * The optional {@code fileMetadata} object of {@link StreamMetadata}: what the receiver may show
 * and use as a file name. Every field is optional (null); older receivers ignore the object.
 *
 * <pre>
 * {"filename":string?,"mimeType":string?,"thumbnailStreamId":b64u?,"thumbnailHash":hex?,
 *  "thumbnailMime":string?,"thumbnailBytes":n?}
 * </pre>
 *
 * <p>This record checks only form: strings are well-formed Unicode and {@code thumbnailBytes} is
 * 0..2^53−1. Whether the values are <em>acceptable</em> (a safe file name, an allowlisted
 * thumbnail type, …) is decided by {@link FileMetadataRules}, which the sender runs before
 * sending and the receiver runs to decline: a broken rule is a policy refusal, not a malformed
 * message.
 */
public record FileMetadata(String filename, String mimeType, StreamId thumbnailStreamId,
    String thumbnailHash, String thumbnailMime, Long thumbnailBytes) {

  public FileMetadata {
    wellFormedIfPresent("filename", filename);
    wellFormedIfPresent("mimeType", mimeType);
    wellFormedIfPresent("thumbnailHash", thumbnailHash);
    wellFormedIfPresent("thumbnailMime", thumbnailMime);
    if (thumbnailBytes != null) {
      FieldChecks.nonNegativeSafe("thumbnailBytes", thumbnailBytes);
    }
  }

  /** Metadata naming just a file and its type; either may be null. */
  public static FileMetadata of(String filename, String mimeType) {
    return new FileMetadata(filename, mimeType, null, null, null, null);
  }

  private static void wellFormedIfPresent(String field, String value) {
    if (value != null) {
      FieldChecks.wellFormed(field, value);
    }
  }
}
