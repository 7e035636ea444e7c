package dev.shade.streams;

import java.util.Optional;

/**
 * The {@code error} values of Shade's JSON error bodies (DESIGN.md, "Errors and names"), each with
 * the HTTP status a route answers with.
 */
public enum ErrorCode {
  MALFORMED("malformed", 400),
  UNKNOWN_STREAM("unknown_stream", 404),
  WRONG_STATE("wrong_state", 409),
  TOO_LARGE("too_large", 413),
  AUTHENTICATION_FAILED("authentication_failed", 422),
  DECRYPT_FAILED("decrypt_failed", 422),
  UNTRUSTED_IDENTITY("untrusted_identity", 422),
  NO_SESSION("no_session", 422),
  INCOMPLETE("incomplete", 409),
  QUOTA_EXCEEDED("quota_exceeded", 429),
  OVERLOADED("overloaded", 503),
  NOT_FOUND("not_found", 404),
  METHOD_NOT_ALLOWED("method_not_allowed", 405);

  private final String wireName;
  private final int httpStatus;

  ErrorCode(String wireName, int httpStatus) {
    this.wireName = wireName;
    this.httpStatus = httpStatus;
  }

  public String wireName() {
    return wireName;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** The code whose {@link #wireName()} is {@code wireName}, if any (null gives empty). */
  public static Optional<ErrorCode> fromWireName(String wireName) {
    for (ErrorCode code : values()) {
      if (code.wireName.equals(wireName)) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }
}
