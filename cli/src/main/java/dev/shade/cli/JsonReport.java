package dev.shade.cli;

import dev.shade.transfer.TransferResult;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;

/**
 * {@code --json}: one JSON object per line on stdout, nothing else there.
 *
 * <pre>
 * {"event":"started","streamId":b64u,"file":s,"to":"bob.1","totalBytes":n,"lanes":n}
 * {"event":"progress","streamId":b64u,"bytes":n,"totalBytes":n,"mbPerSec":x}   at most 4 a second
 * {"event":"result","streamId":b64u,"sha256":hex,"bytes":n,"durationMs":n,"transport":"ws",
 *  "file":s}                            transport: what carried the chunks, ws, http or ws+http
 * {"event":"error","streamId":b64u?,"file":s?,"code":"declined","exitCode":3,"message":s}
 * </pre>
 */
final class JsonReport implements TransferReport {
  private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(250);
  private final PrintStream out;

  JsonReport(PrintStream out) {
    this.out = out;
  }

  @Override
  public Duration progressInterval() {
    return PROGRESS_INTERVAL;
  }

  @Override
  public void started(Sending s) {
    print(event("started", s).put("file", s.file().toString()).put("to", s.to().toString())
        .put("totalBytes", s.totalBytes()).put("lanes", s.lanes()));
  }

  @Override
  public void progress(Sending s, long sentBytes) {
    double mbPerSec = s.bytesPerSecond(sentBytes, System.nanoTime()) / 1e6;
    print(event("progress", s).put("bytes", sentBytes).put("totalBytes", s.totalBytes())
        .put("mbPerSec", Math.round(mbPerSec * 10) / 10.0));
  }

  @Override
  public void result(Sending s, TransferResult result) {
    print(event("result", s).put("sha256", result.sha256()).put("bytes", result.bytes())
        .put("durationMs", result.durationMs()).put("transport", result.transport())
        .put("file", s.file().toString()));
  }

  @Override
  public void error(Sending s, CliException error) {
    JsonObject event = new JsonObject().put("event", "error");
    if (s != null) {
      event.put("streamId", s.streamId().toBase64Url()).put("file", s.file().toString());
    }
    print(event.put("code", error.status().code()).put("exitCode", error.status().number())
        .put("message", error.getMessage()));
  }

  private static JsonObject event(String name, Sending s) {
    return new JsonObject().put("event", name).put("streamId", s.streamId().toBase64Url());
  }

  private void print(JsonObject event) {
    out.println(event.encode());
    out.flush();
  }
}
