package dev.shade.streams;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code metadata} object of {@link StreamInit}: how the stream is laid out, and what the
 * receiver is told about it before it decides.
 *
 * <pre>
 * {"totalBytes":n|null,"chunkSize":n,"sentAt":epochMs,"partition":"range"|"round-robin",
 *  "lanes":n,"window":n,"fileMetadata":{...}?,"userMetadata":{string:string}?}
 * </pre>
 *
 * <p>Validated against {@link ControlLimits}: {@code totalBytes} null (unknown size) or
 * 0..2^53−1, and required for {@link Partition#RANGE}; {@code chunkSizeBytes} 1 KiB..16 MiB;
 * {@code sentAtEpochMs} 0..2^53−1 (informational only); {@code lanes} and {@code window} 1..64;
 * {@code userMetadata} at most 32 entries, keys at most 64 and values at most 1024 code points.
 * {@code fileMetadata} is only checked for form here: its rules are policy, see {@link
 * FileMetadataRules}. {@code userMetadata} keeps its iteration order and is unmodifiable.
 *
 * <p>Field names in errors are relative to this object ({@code lanes}); the codec reports them
 * as {@code metadata.lanes}.
 */
public record StreamMetadata(Long totalBytes, int chunkSizeBytes, long sentAtEpochMs,
    Partition partition, int lanes, int window, FileMetadata fileMetadata,
    Map<String, String> userMetadata) {
  /** The {@code userMetadata} key (value {@code "1"}) that marks a stream as a preview. */
  public static final String THUMBNAIL_MARKER_KEY = "shadeThumbnail";

  public StreamMetadata {
    if (totalBytes != null) {
      FieldChecks.nonNegativeSafe("totalBytes", totalBytes);
    }
    FieldChecks.inRange("chunkSize", chunkSizeBytes, ControlLimits.MIN_CHUNK_SIZE_BYTES,
        ControlLimits.MAX_CHUNK_SIZE_BYTES);
    FieldChecks.nonNegativeSafe("sentAt", sentAtEpochMs);
    FieldChecks.required("partition", partition);
    if (partition == Partition.RANGE && totalBytes == null) {
      throw new ShadeFormatException("totalBytes", "required when partition is range");
    }
    FieldChecks.inRange("lanes", lanes, ControlLimits.MIN_LANES, ControlLimits.MAX_LANES);
    FieldChecks.inRange("window", window, ControlLimits.MIN_WINDOW, ControlLimits.MAX_WINDOW);
    userMetadata = userMetadata == null ? null : checkedCopy(userMetadata);
  }

  /** True when {@code userMetadata} marks this stream as another stream's preview. */
  public boolean isThumbnail() {
    return userMetadata != null && "1".equals(userMetadata.get(THUMBNAIL_MARKER_KEY));
  }

  private static Map<String, String> checkedCopy(Map<String, String> entries) {
    if (entries.size() > ControlLimits.MAX_USER_METADATA_ENTRIES) {
      throw new ShadeFormatException("userMetadata", "has " + entries.size()
          + " entries, over the limit of " + ControlLimits.MAX_USER_METADATA_ENTRIES);
    }
    Map<String, String> copy = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : entries.entrySet()) {
      String key = e.getKey();
      if (key == null) {
        throw new ShadeFormatException("userMetadata", "has a null key");
      }
      String field = JsonPaths.child("userMetadata", key);
      FieldChecks.wellFormed(field, key);
      int keyCodePoints = key.codePointCount(0, key.length());
      if (keyCodePoints > ControlLimits.MAX_USER_METADATA_KEY_CODE_POINTS) {
        throw new ShadeFormatException(field, "key has " + keyCodePoints
            + " code points, over the limit of " + ControlLimits.MAX_USER_METADATA_KEY_CODE_POINTS);
      }
      copy.put(key, FieldChecks.text(field, e.getValue(),
          ControlLimits.MAX_USER_METADATA_VALUE_CODE_POINTS));
    }
    return Collections.unmodifiableMap(copy);
  }
}
