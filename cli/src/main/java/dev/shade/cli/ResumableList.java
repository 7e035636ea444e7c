package dev.shade.cli;

import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.ResumeStore;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code shade resume --list}: the interrupted sends of a home, oldest first, read from its store
 * without starting a node. For people, two lines each:
 *
 * <pre>
 * 3q2-7wAAAAAAAAAAAAAAAA  to bob.1  37%  11.8/32.0 MiB  updated 2025-11-22T07:30:00.120Z
 *   shade resume --home /tmp/a 3q2-7wAAAAAAAAAAAAAAAA /home/alice/big.iso
 * </pre>
 *
 * With {@code --json}, one object a line: {@code {"streamId", "file", "to", "url", "status"
 * (pending|active), "bytes" (acknowledged), "totalBytes", "updatedAt" (ISO-8601), "resume"}}.
 */
final class ResumableList {
  private final Home home;
  private final PrintStream out;
  private final boolean json;

  ResumableList(Home home, PrintStream out, boolean json) {
    this.home = home;
    this.out = out;
    this.json = json;
  }

  int print() {
    List<ResumableUpload> uploads = load();
    if (uploads.isEmpty() && !json) {
      out.println("no interrupted sends in " + home.dir());
    }
    for (ResumableUpload upload : uploads) {
      PersistedStreamState s = upload.state();
      String command = ResumableUpload.command(home, s.streamId(),
          upload.file().orElse(Path.of("FILE")));
      if (json) {
        out.println(new JsonObject().put("streamId", s.streamId().toBase64Url())
            .put("file", upload.file().map(Path::toString).orElse(null))
            .put("to", s.peer().toString()).put("url", s.target())
            .put("status", s.status().storageName()).put("bytes", upload.ackedBytes())
            .put("totalBytes", upload.totalBytes()).put("updatedAt", s.updatedAt().toString())
            .put("resume", command).encode());
      } else {
        long percent = upload.totalBytes() == 0 ? 100
            : upload.ackedBytes() * 100 / upload.totalBytes();
        out.println(s.streamId().toBase64Url() + "  to " + s.peer() + "  " + percent + "%  "
            + Display.fraction(upload.ackedBytes(), upload.totalBytes()) + "  updated "
            + s.updatedAt());
        out.println("  " + Display.printable(command));
      }
    }
    return ExitStatus.OK.number();
  }

  private List<ResumableUpload> load() {
    if (!home.exists()) {
      return List.of();
    }
    try (ResumeStore store = home.openResumeStore()) {
      return store.list(PersistedStreamState.Direction.SEND).stream().map(ResumableUpload::new)
          .toList();
    }
  }
}
