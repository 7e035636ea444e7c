package dev.shade.bench.harness;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the harness started: its stdout lines kept (JSON lines also on a queue to await) and
 * copied to {@code LOG_DIR/NAME.out}, its stderr in {@code LOG_DIR/NAME.log}. When measured it
 * runs under {@code /usr/bin/time -v}, and {@link #usage()} tells its CPU seconds and peak RSS;
 * signals go to the measured process itself, not to {@code time}. Every child still running when the harness exits is killed.
 */
final class Child implements AutoCloseable {
  private static final Path TIME = Path.of("/usr/bin/time");
  private static final Set<Child> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Child::kill)));
  }

  private final String name;
  private final Process process;
  private final Path stderr;
  private final Path stdoutCopy;
  private final Path timeReport;
  private final long startNanos = System.nanoTime();
  private volatile long exitNanos;
  private final List<String> lines = new ArrayList<>();
  private final BlockingQueue<JsonObject> json = new LinkedBlockingQueue<>();
  private final CountDownLatch outputEnded = new CountDownLatch(1);

  private Child(String name, Process process, Path stderr, Path timeReport) {
    this.name = name;
    this.process = process;
    this.stderr = stderr;
    this.stdoutCopy = stderr.resolveSibling(name + ".out");
    this.timeReport = timeReport;
  }

  /** Whether {@code /usr/bin/time} is here to measure children (else {@link #usage()} is empty). */
  static boolean canMeasure() {
    return Files.isExecutable(TIME);
  }

  static Child start(String name, List<String> command, Path logDir, Map<String, String> env,
      boolean measured) throws IOException {
    List<String> full = new ArrayList<>();
    Path timeReport = null;
    if (measured && canMeasure()) {
      timeReport = logDir.resolve(name + ".time");
      full.addAll(List.of(TIME.toString(), "-v", "-o", timeReport.toString()));
    }
    full.addAll(command);
    Path stderr = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(full).redirectError(stderr.toFile());
    builder.environment().putAll(env);
    Child child = new Child(name, builder.start(), stderr, timeReport);
    LIVE.add(child);
    child.process.onExit().thenRun(() -> {
      child.exitNanos = System.nanoTime();
      LIVE.remove(child);
    });
    Thread reader = new Thread(child::readStdout, name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    return child;
  }

  private void readStdout() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8));
        Writer copy = Files.newBufferedWriter(stdoutCopy)) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (lines) {
          lines.add(line);
        }
        copy.write(line);
        copy.write('\n');
        if (line.startsWith("{")) {
          try {
            json.add(new JsonObject(line));
          } catch (DecodeException e) {
            // not JSON after all: kept in lines
          }
        }
      }
    } catch (IOException e) {
      // the process ended
    } finally {
      json.add(new JsonObject().put("event", "(end of output)"));
      outputEnded.countDown();
    }
  }

  /**
   * The next JSON line that {@code wanted} accepts; fails when the process prints an {@code error}
   * or {@code failed} line, ends its output, or says nothing wanted within {@code timeout}.
   */
  JsonObject await(Predicate<JsonObject> wanted, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonObject line = json.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException(name + ": nothing expected within " + timeout + "\n"
            + describe());
      }
      if (wanted.test(line)) {
        return line;
      }
      String event = line.getString("event", "");
      if (event.equals("error") || event.equals("failed") || event.equals("(end of output)")) {
        json.add(line);
        throw new IllegalStateException(name + ": " + line.encode() + "\n" + describe());
      }
    }
  }

  JsonObject await(String event, Duration timeout) throws InterruptedException {
    return await(line -> event.equals(line.getString("event")), timeout);
  }

  /** Waits for the exit and fails unless the status is 0. */
  void awaitSuccess(Duration timeout) throws InterruptedException {
    int status = awaitExit(timeout);
    if (status != 0) {
      throw new IllegalStateException(name + " exited with " + status + "\n" + describe());
    }
  }

  /** Waits for the exit; kills the process and fails when it outlives {@code timeout}. */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new IllegalStateException(name + " still running after " + timeout + "\n" + describe());
    }
    process.onExit().join();
    return process.exitValue();
  }

  /** Seconds from start to exit (to now while it runs). */
  double wallSeconds() {
    long end = exitNanos == 0 ? System.nanoTime() : exitNanos;
    return (end - startNanos) / 1e9;
  }

  /** CPU and peak RSS after the exit, when measured. */
  Optional<Usage> usage() throws IOException {
    if (timeReport == null || process.isAlive() || !Files.exists(timeReport)) {
      return Optional.empty();
    }
    return Optional.of(Usage.parseTimeReport(Files.readString(timeReport)));
  }

  /** Every stdout line so far. */
  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** Every stdout line, once the process closed its stdout (it exited). */
  List<String> allLines(Duration timeout) throws InterruptedException {
    if (!outputEnded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(name + ": stdout still open after " + timeout);
    }
    return lines();
  }

  /** The stderr log so far. */
  String stderr() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "";
    }
  }

  /** SIGKILL to the measured process only: {@code time} still reports, and exits. */
  void killMeasured() {
    measured().destroyForcibly();
  }

  /** SIGTERM to the measured process, so that it shuts down and {@code time} reports. */
  void terminate() {
    measured().destroy();
  }

  /** SIGKILL to the process and everything it started. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** The measured process ({@code time}'s child), or the process itself when not measured. */
  ProcessHandle measured() {
    ProcessHandle handle = process.toHandle();
    return timeReport == null ? handle : handle.children().findFirst().orElse(handle);
  }

  String describe() {
    StringBuilder text = new StringBuilder(name).append(" stdout (tail):\n");
    List<String> out = lines();
    out.subList(Math.max(0, out.size() - 20), out.size())
        .forEach(line -> text.append("  ").append(line).append('\n'));
    List<String> err = stderr().lines().toList();
    text.append(name).append(" stderr (tail, ").append(stderr).append("):\n");
    err.subList(Math.max(0, err.size() - 30), err.size())
        .forEach(line -> text.append("  ").append(line).append('\n'));
    return text.toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }
}
