package dev.shade.streams;

/**
 * Why a receiver answered {@code stream-finish} with {@code "ok": false}: the {@code failure}
 * values of {@code stream-finished}. The receiver checks, and reports the first failing of, lane
 * list/chunks/bytes → lane sha256 → totalBytes → overall sha256 (DESIGN.md, "Finish").
 */
public enum FinishFailure {
  LANE_COUNT_MISMATCH(TransferIntegrityError.Check.LANE_COUNT),
  LANE_SHA256_MISMATCH(TransferIntegrityError.Check.LANE_SHA256),
  TOTAL_BYTES_MISMATCH(TransferIntegrityError.Check.TOTAL_BYTES),
  OVERALL_SHA256_MISMATCH(TransferIntegrityError.Check.OVERALL_SHA256);

  private final TransferIntegrityError.Check check;

  FinishFailure(TransferIntegrityError.Check check) {
    this.check = check;
  }

  /** The JSON spelling, shared with {@link TransferIntegrityError.Check#wireName()}. */
  public String wireName() {
    return check.wireName();
  }

  /** The integrity check this failure reports. */
  public TransferIntegrityError.Check check() {
    return check;
  }

  /**
   * The failure a receiver reports for {@code check}.
   *
   * @throws IllegalArgumentException for checks that {@code stream-finished} does not report
   *     (authentication, truncation: those fail chunks or leave the stream incomplete)
   */
  public static FinishFailure of(TransferIntegrityError.Check check) {
    for (FinishFailure f : values()) {
      if (f.check == check) {
        return f;
      }
    }
    throw new IllegalArgumentException("stream-finished does not report " + check);
  }

  /**
   * The failure spelled {@code wireName}.
   *
   * @throws ShadeFormatException (field {@code failure}) for any other spelling
   */
  public static FinishFailure fromWireName(String wireName) {
    for (FinishFailure f : values()) {
      if (f.wireName().equals(wireName)) {
        return f;
      }
    }
    throw new ShadeFormatException("failure", "must be one of lane_count_mismatch, "
        + "lane_sha256_mismatch, total_bytes_mismatch, overall_sha256_mismatch");
  }
}
