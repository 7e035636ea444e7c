package dev.shade.streams;

/**
 * Root of Shade's exceptions. Each carries the {@link ErrorCode} a route answers with, so mapping an
 * exception to an honest status never needs an {@code instanceof} ladder.
 */
public abstract class ShadeException extends RuntimeException {
  private final ErrorCode errorCode;

  protected ShadeException(ErrorCode errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  protected ShadeException(ErrorCode errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }
}
