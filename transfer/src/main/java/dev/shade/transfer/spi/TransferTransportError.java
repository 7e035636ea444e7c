package dev.shade.transfer.spi;

/**
 * A transport could not deliver: connection refused or reset, timeout, upgrade refused, a response
 * that is not a Shade response. Retryable by nature; a sender retries with backoff and, after
 * repeated failures, moves to the next transport.
 */
public final class TransferTransportError extends RuntimeException {
  private final String transport;

  public TransferTransportError(String transport, String message, Throwable cause) {
    super(transport + ": " + message, cause);
    this.transport = transport;
  }

  public TransferTransportError(String transport, String message) {
    this(transport, message, null);
  }

  /** The transport's name, e.g. {@code http}. */
  public String transport() {
    return transport;
  }
}
