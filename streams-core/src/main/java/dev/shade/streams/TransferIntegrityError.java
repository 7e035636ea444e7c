package dev.shade.streams;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Data that failed a cryptographic or completeness check: a chunk whose tag does not verify, a lane
 * or overall SHA-256 that does not match, a truncated lane. The failing {@link Check}, and the lane
 * and seq where known, are fields, not only text. Nothing that failed such a check is surfaced.
 */
public final class TransferIntegrityError extends ShadeException {
  /** Which check failed; the wire names are {@code stream-finished}'s {@code failure} values. */
  public enum Check {
    AUTHENTICATION("authentication_failed"),
    LANE_COUNT("lane_count_mismatch"),
    LANE_SHA256("lane_sha256_mismatch"),
    TOTAL_BYTES("total_bytes_mismatch"),
    OVERALL_SHA256("overall_sha256_mismatch"),
    TRUNCATED("truncated");

    private final String wireName;

    Check(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  private final Check check;
  private final OptionalInt laneId;
  private final OptionalLong seq;

  private TransferIntegrityError(Check check, OptionalInt laneId, OptionalLong seq, String message) {
    super(check == Check.AUTHENTICATION ? ErrorCode.AUTHENTICATION_FAILED : ErrorCode.MALFORMED,
        message);
    this.check = check;
    this.laneId = laneId;
    this.seq = seq;
  }

  public static TransferIntegrityError authentication(int laneId, long seq) {
    return new TransferIntegrityError(Check.AUTHENTICATION, OptionalInt.of(laneId),
        OptionalLong.of(seq), "chunk lane " + laneId + " seq " + seq + " failed authentication");
  }

  public static TransferIntegrityError lane(Check check, int laneId, String detail) {
    return new TransferIntegrityError(check, OptionalInt.of(laneId), OptionalLong.empty(),
        check.wireName() + " on lane " + laneId + ": " + detail);
  }

  public static TransferIntegrityError stream(Check check, String detail) {
    return new TransferIntegrityError(check, OptionalInt.empty(), OptionalLong.empty(),
        check.wireName() + ": " + detail);
  }

  public Check check() {
    return check;
  }

  public OptionalInt laneId() {
    return laneId;
  }

  public OptionalLong seq() {
    return seq;
  }
}
