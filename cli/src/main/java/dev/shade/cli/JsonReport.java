package dev.shade.cli;

import dev.shade.transfer.ResumeRefusedException;
import dev.shade.transfer.TransferResult;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code --json}: one JSON object per line on stdout, nothing else there.
 *
 * <pre>
 * {"event":"started","streamId":b64u,"file":s,"to":"bob.1","totalBytes":n,"lanes":n,
 *  "resumed":bool,"bytes":n}                    bytes: acknowledged before this run (resume)
 * {"event":"progress","streamId":b64u,"bytes":n,"totalBytes":n,"mbPerSec":x,"sentBytes":n,
 *  "resentBytes":n}                             at most 4 a second
 * {"event":"result","streamId":b64u,"sha256":hex,"bytes":n,"durationMs":n,"transport":"ws",
 *  "file":s,"sentBytes":n,"resentBytes":n}      transport: what carried the chunks, ws, http or
 *                                               ws+http
 * {"event":"paused","streamId":b64u,"file":s,"bytes":n,"sentBytes":n,"resentBytes":n,
 *  "resume":"shade resume ..."}                 Ctrl-C; exit 130
 * {"event":"error","streamId":b64u?,"file":s?,"code":"declined","exitCode":3,"message":s,
 *  "reason":s?,"sentBytes":n?,"resentBytes":n?} reason: why a resume was refused
 * </pre>
 *
 * {@code bytes} counts the stream's acknowledged bytes; {@code sentBytes} the plaintext bytes of
 * chunks this process sent that reached the receiver, every attempt counted, and {@code
 * resentBytes} the part of them sent before (see {@link Progress}).
 */
final class JsonReport implements TransferReport {
  private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);
  private final PrintStream out;
  private final PrintStream err;

  /** @param err where a pause also tells people the command that resumes */
  JsonReport(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Duration progressInterval() {
    return PROGRESS_INTERVAL;
  }

  @Override
  public void started(Sending s) {
    print(event("started", s).put("file", s.file().toString()).put("to", s.to().toString())
        .put("totalBytes", s.totalBytes()).put("lanes", s.lanes())
        .put("resumed", s.start() == Sending.Start.RESUMED).put("bytes", s.startBytes()));
  }

  @Override
  public void progress(Sending s, Progress p) {
    double mbPerSec = s.bytesPerSecond(p.ackedBytes(), System.nanoTime()) / 1e6;
    print(counts(event("progress", s).put("bytes", p.ackedBytes())
        .put("totalBytes", s.totalBytes()).put("mbPerSec", Math.round(mbPerSec * 10) / 10.0), p));
  }

  @Override
  public void result(Sending s, TransferResult result, Progress p) {
    print(counts(event("result", s).put("sha256", result.sha256()).put("bytes", result.bytes())
        .put("durationMs", result.durationMs()).put("transport", result.transport())
        .put("file", s.file().toString()), p));
  }

  @Override
  public void paused(Sending s, Progress p, String resumeCommand) {
    err.println(HumanReport.pausedLines(s, p, resumeCommand));
    print(counts(event("paused", s).put("file", s.file().toString())
        .put("bytes", p.ackedBytes()), p).put("resume", resumeCommand));
  }

  @Override
  public void error(Sending s, Progress p, CliException error) {
    JsonObject event = new JsonObject().put("event", "error");
    if (s != null) {
      event.put("streamId", s.streamId().toBase64Url()).put("file", s.file().toString());
    }
    event.put("code", error.status().code()).put("exitCode", error.status().number())
        .put("message", error.getMessage());
    if (error.getCause() instanceof ResumeRefusedException) {
      event.put("reason", ((ResumeRefusedException) error.getCause()).reason().name()
          .toLowerCase(Locale.ROOT));
    }
    print(p == null ? event : counts(event, p));
  }

  private static JsonObject event(String name, Sending s) {
    return new JsonObject().put("event", name).put("streamId", s.streamId().toBase64Url());
  }

  private static JsonObject counts(JsonObject event, Progress p) {
    return event.put("sentBytes", p.sentBytes()).put("resentBytes", p.resentBytes());
  }

  private void print(JsonObject event) {
    out.println(event.encode());
    out.flush();
  }
}
