package dev.shade.cli;

/**
 * Ends a command with {@link #status()}; the message is written for the person at the terminal
 * and may span several lines.
 */
final class CliException extends RuntimeException {
  private final ExitStatus status;

  CliException(ExitStatus status, String message) {
    this(status, message, null);
  }

  CliException(ExitStatus status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  ExitStatus status() {
    return status;
  }
}
