package dev.shade.streams;

/**
 * One lane's totals in {@code stream-finish}: {@code {"laneId":n,"chunks":n,"bytes":n,
 * "sha256":hex}}. {@code chunks} counts envelopes including an empty isLast chunk; {@code sha256}
 * is over the lane's plaintext in seq order (that of no bytes for an empty lane).
 */
public record LaneSummary(int laneId, long chunks, long bytes, String sha256) {
  public LaneSummary {
    FieldChecks.inRange("laneId", laneId, 0, ControlLimits.MAX_LANES - 1);
    FieldChecks.nonNegativeSafe("chunks", chunks);
    FieldChecks.nonNegativeSafe("bytes", bytes);
    FieldChecks.sha256Hex("sha256", sha256);
  }
}
