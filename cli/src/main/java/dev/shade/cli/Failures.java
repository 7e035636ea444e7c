package dev.shade.cli;

import dev.shade.resume.StoreFailureException;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.ShadeException;
import dev.shade.streams.TransferIntegrityError;
import dev.shade.transfer.TransferAbortedException;
import dev.shade.transfer.ResumeRefusedException;
import dev.shade.transfer.TransferDeclinedException;
import dev.shade.transfer.TransferPausedException;
import dev.shade.transfer.spi.TransferTransportError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what the engine throws into the exit status and message a person or script sees. */
final class Failures {
  private Failures() {}

  static CliException explain(Throwable error) {
    Throwable e = unwrap(error);
    if (e instanceof CliException) {
      return (CliException) e;
    }
    if (e instanceof TransferDeclinedException) {
      return new CliException(ExitStatus.DECLINED,
          "declined by the receiver: " + ((TransferDeclinedException) e).reason(), e);
    }
    if (e instanceof ResumeRefusedException) {
      return new CliException(ExitStatus.RESUME_REFUSED, e.getMessage(), e);
    }
    if (e instanceof TransferPausedException) {
      return new CliException(ExitStatus.INTERRUPTED, "paused: the node closed", e);
    }
    if (e instanceof TransferIntegrityError) {
      return new CliException(ExitStatus.INTEGRITY, "integrity check failed: " + e.getMessage(), e);
    }
    if (e instanceof ShadeException
        && ((ShadeException) e).errorCode() == ErrorCode.UNTRUSTED_IDENTITY) {
      return new CliException(ExitStatus.UNTRUSTED, e.getMessage(), e);
    }
    if (e instanceof TransferTransportError && ((TransferTransportError) e).kind()
        == TransferTransportError.Kind.TRANSPORT_REFUSED) {
      return new CliException(ExitStatus.UNREACHABLE, "the receiver does not take chunks over "
          + e.getMessage() + " (--transport auto falls back to http)", e);
    }
    if (e instanceof UncheckedIOException || e instanceof IOException
        || e instanceof TransferTransportError) {
      return new CliException(ExitStatus.UNREACHABLE, "peer unreachable: " + e.getMessage(), e);
    }
    if (e instanceof TransferAbortedException || e instanceof StoreFailureException) {
      return new CliException(ExitStatus.FAILED, e.getMessage(), e);
    }
    return new CliException(ExitStatus.FAILED, e.getClass().getSimpleName() + ": "
        + e.getMessage(), e);
  }

  private static Throwable unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }
}
