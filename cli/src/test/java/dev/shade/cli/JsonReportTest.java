package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import dev.shade.transfer.ResumeRefusedException;
import dev.shade.transfer.TransferResult;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonReportTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  private final JsonReport report = new JsonReport(new PrintStream(bytes, true,
      StandardCharsets.UTF_8), new PrintStream(errBytes, true, StandardCharsets.UTF_8));
  private final StreamId id = StreamId.random(new SecureRandom());
  private final Sending sending = Sending.started(Path.of("dir/a \u001b.bin"), id, 100, 4,
      PeerAddress.parse("bob.1"));
  private final Progress progress = new Progress(50, 70, 20);

  private List<JsonObject> lines() {
    return bytes.toString(StandardCharsets.UTF_8).lines().map(JsonObject::new).toList();
  }

  @Test
  void eachEventIsOneLineWithTheDocumentedFields() {
    report.started(sending);
    report.progress(sending, progress);
    report.result(sending, new TransferResult(id, "ab", 100, 7, "http", Optional.empty(),
        Optional.empty()), progress);
    List<JsonObject> events = lines();
    assertEquals(new JsonObject().put("event", "started").put("streamId", id.toBase64Url())
        .put("file", "dir/a \u001b.bin").put("to", "bob.1").put("totalBytes", 100).put("lanes", 4)
        .put("resumed", false).put("bytes", 0), events.get(0));
    assertEquals(List.of("event", "streamId", "bytes", "totalBytes", "mbPerSec", "sentBytes",
        "resentBytes"), List.copyOf(events.get(1).fieldNames()));
    assertEquals(new JsonObject().put("event", "result").put("streamId", id.toBase64Url())
        .put("sha256", "ab").put("bytes", 100).put("durationMs", 7).put("transport", "http")
        .put("file", "dir/a \u001b.bin").put("sentBytes", 70).put("resentBytes", 20),
        events.get(2));
  }

  @Test
  void aPauseNamesTheResumeCommandInItsEventAndOnStderr() {
    report.paused(sending, progress, "shade resume " + id.toBase64Url() + " 'dir/a b.bin'");
    assertEquals(new JsonObject().put("event", "paused").put("streamId", id.toBase64Url())
        .put("file", "dir/a \u001b.bin").put("bytes", 50).put("sentBytes", 70)
        .put("resentBytes", 20).put("resume", "shade resume " + id.toBase64Url()
            + " 'dir/a b.bin'"), lines().get(0));
    assertEquals("paused a ?.bin at 50% (stream " + id.toBase64Url() + "); continue with:\n"
        + "  shade resume " + id.toBase64Url() + " 'dir/a b.bin'\n",
        errBytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anErrorBeforeAnyTransferHasNoStream() {
    report.error(null, null, new CliException(ExitStatus.UNTRUSTED, "new peer"));
    assertEquals(new JsonObject().put("event", "error").put("code", "untrusted")
        .put("exitCode", 6).put("message", "new peer"), lines().get(0));
  }

  @Test
  void aRefusedResumeSaysWhyAndHowMuchItSent() {
    report.error(sending, new Progress(0, 0, 0), Failures.explain(new ResumeRefusedException(
        ResumeRefusedException.Reason.INPUT_CHANGED, id, "changed")));
    assertEquals(new JsonObject().put("event", "error").put("streamId", id.toBase64Url())
        .put("file", "dir/a \u001b.bin").put("code", "resume_refused").put("exitCode", 7)
        .put("message", "changed").put("reason", "input_changed").put("sentBytes", 0)
        .put("resentBytes", 0), lines().get(0));
  }
}
