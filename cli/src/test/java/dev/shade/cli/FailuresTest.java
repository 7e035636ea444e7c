package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.StreamId;
import dev.shade.streams.TransferIntegrityError;
import dev.shade.transfer.ResumeRefusedException;
import dev.shade.transfer.TransferAbortedException;
import dev.shade.transfer.TransferDeclinedException;
import dev.shade.transfer.TransferPausedException;
import dev.shade.transfer.control.ControlException;
import dev.shade.transfer.spi.TransferTransportError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class FailuresTest {
  @Test
  void engineFailuresMapToTheirExitStatus() {
    assertEquals(ExitStatus.DECLINED, status(new TransferDeclinedException("full")));
    assertEquals(ExitStatus.INTEGRITY, status(TransferIntegrityError.stream(
        TransferIntegrityError.Check.OVERALL_SHA256, "mismatch")));
    assertEquals(ExitStatus.UNTRUSTED, status(new ControlException(ErrorCode.UNTRUSTED_IDENTITY,
        "changed")));
    assertEquals(ExitStatus.UNREACHABLE,
        status(new UncheckedIOException(new IOException("refused"))));
    assertEquals(ExitStatus.UNREACHABLE, status(new TransferTransportError("http", "reset")));
    assertEquals(ExitStatus.FAILED, status(new TransferAbortedException("disk full", true)));
    assertEquals(ExitStatus.FAILED, status(new IllegalStateException("bug")));
    assertEquals(ExitStatus.INTERRUPTED, status(new TransferPausedException(
        StreamId.random(new SecureRandom()))));
  }

  @Test
  void everyRefusedResumeExitsSevenWithTheEnginesExplanation() {
    for (ResumeRefusedException.Reason reason : ResumeRefusedException.Reason.values()) {
      CliException e = Failures.explain(new ResumeRefusedException(reason,
          StreamId.random(new SecureRandom()), "why " + reason));
      assertEquals(ExitStatus.RESUME_REFUSED, e.status());
      assertEquals(7, e.status().number());
      assertEquals("why " + reason, e.getMessage());
    }
  }

  @Test
  void aTransportTheReceiverRefusesIsUnreachableAndTheMessageSaysWhatWouldWork() {
    CliException e = Failures.explain(new TransferTransportError("ws",
        TransferTransportError.Kind.TRANSPORT_REFUSED, "upgrade refused with HTTP 404", null));
    assertEquals(ExitStatus.UNREACHABLE, e.status());
    assertEquals("the receiver does not take chunks over ws: upgrade refused with HTTP 404"
        + " (--transport auto falls back to http)", e.getMessage());
  }

  @Test
  void wrappersAreLookedThrough() {
    assertEquals(ExitStatus.DECLINED,
        status(new CompletionException(new TransferDeclinedException("no"))));
  }

  @Test
  void aCliExceptionIsKept() {
    CliException e = new CliException(ExitStatus.USAGE, "bad");
    assertSame(e, Failures.explain(new CompletionException(e)));
  }

  private static ExitStatus status(Throwable error) {
    return Failures.explain(error).status();
  }
}
