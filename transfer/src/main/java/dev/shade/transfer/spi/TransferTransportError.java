package dev.shade.transfer.spi;

/**
 * A transport could not deliver: connection refused or reset, timeout, upgrade refused, a response
 * that is not a Shade response. Retryable by nature; a sender retries with backoff and, after
 * repeated failures, moves to the next transport. {@link #kind()} says whether trying this
 * transport again can help at all.
 */
public final class TransferTransportError extends RuntimeException {
  private final String transport;
  private final Kind kind;

  /** Whether the same transport may work on a later attempt. */
  public enum Kind {
    /** This attempt failed (refused or dropped connection, timeout, garbage); a later one may not. */
    DELIVERY_FAILED,
    /**
     * The peer answered but does not offer this transport (a WebSocket upgrade answered with an
     * HTTP error, say): only another transport can carry the chunk.
     */
    TRANSPORT_REFUSED
  }

  public TransferTransportError(String transport, Kind kind, String message, Throwable cause) {
    super(transport + ": " + message, cause);
    this.transport = transport;
    this.kind = kind;
  }

  public TransferTransportError(String transport, String message, Throwable cause) {
    this(transport, Kind.DELIVERY_FAILED, message, cause);
  }

  public TransferTransportError(String transport, String message) {
    this(transport, message, null);
  }

  /** The transport's name, e.g. {@code http}. */
  public String transport() {
    return transport;
  }

  public Kind kind() {
    return kind;
  }
}
