package dev.shade.resume;

/**
 * A durable store could not read or write its database, found a record it cannot decode, or found
 * a schema it does not understand. Not caused by input: a route answers 503.
 */
public final class StoreFailureException extends RuntimeException {
  public StoreFailureException(String message) {
    super(message);
  }

  public StoreFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
