package dev.shade.resume;

/** A durable store could not read or write its file. Not caused by input: a route answers 503. */
public final class StoreFailureException extends RuntimeException {
  public StoreFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
