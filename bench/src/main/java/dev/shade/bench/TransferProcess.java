package dev.shade.bench;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A whole Shade node as a process, for tests and whole-process benchmarks: one JVM receives, another
 * sends, over HTTP or WebSocket on loopback. Each prints JSON lines on stdout (logs go to stderr)
 * and its own CPU seconds and peak RSS in its final line.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.shade.bench.TransferProcess \
 *     receive --port 0 --out /tmp/in.bin --address bob.1 --count 1
 *   {"event":"listening","baseUrl":"http://127.0.0.1:41234/v1/transfer","address":"bob.1"}
 *   {"event":"received","sha256":"…","bytes":…,"durationMs":…,"cpuSeconds":…,"peakRssBytes":…}
 *
 * java -cp bench/target/benchmarks.jar dev.shade.bench.TransferProcess \
 *     send --to http://127.0.0.1:41234/v1/transfer --address-of-peer bob.1 --lanes 4 \
 *     --chunk-size 1048576 /tmp/out.bin
 *   {"event":"result","sha256":"…","bytes":…,"durationMs":…,"mbPerSec":…,"cpuSeconds":…,…}
 * </pre>
 *
 * Exit status: 0 when every transfer verified, 1 when one failed (after an {@code error} or {@code
 * failed} line), 2 on a bad command line.
 */
public final class TransferProcess {
  static final String USAGE = "usage: TransferProcess receive [--port N] [--host H] [--address A]"
      + " (--out FILE | --inbox DIR | --discard) [--count N] [--state SQLITE_FILE]"
      + " [--resume-state SQLITE_FILE] [--chunk-lines]\n"
      + "       TransferProcess send --to BASE_URL --address-of-peer A [--address A] [--lanes N]"
      + " [--chunk-size BYTES] [--window N] [--partition range|round-robin] [--timeout-seconds N]"
      + " [--state SQLITE_FILE] [--resume-state SQLITE_FILE] [--transport http|ws] [--progress]"
      + " [--warm-up N] [--concurrency N] [--chunk-lines] (FILE [--repeat N] | --files DIR)";

  private TransferProcess() {}

  public static void main(String[] args) {
    int status;
    try {
      status = run(args);
    } catch (ProcessArgs.UsageException e) {
      System.err.println(USAGE);
      JsonLines.print(new JsonObject().put("event", "error").put("message", e.getMessage()));
      status = 2;
    } catch (Throwable e) {
      Throwable cause = unwrap(e);
      JsonLines.print(ProcessStats.now().addTo(new JsonObject().put("event", "error")
          .put("type", cause.getClass().getName()).put("message", String.valueOf(cause.getMessage()))));
      cause.printStackTrace();
      status = 1;
    }
    System.out.flush();
    System.exit(status);
  }

  static int run(String[] args) throws Exception {
    String role = args.length == 0 ? "" : args[0];
    switch (role) {
      case "receive":
        return ReceiveRole.run(ProcessArgs.parse(args, ReceiveRole.VALUED, ReceiveRole.FLAGS));
      case "send":
        return SendRole.run(ProcessArgs.parse(args, SendRole.VALUED, SendRole.FLAGS));
      default:
        throw new ProcessArgs.UsageException("role must be receive or send: '"
            + role + "'");
    }
  }

  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
