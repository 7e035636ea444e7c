package dev.shade.bench;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TransferProcess} in a child JVM on this JVM's java and class path: its stdout JSON
 * lines arrive on a queue, its stderr goes to a file (shown when something fails).
 */
final class ChildJvm implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path stderr;
  private final BlockingQueue<JsonObject> lines = new LinkedBlockingQueue<>();
  private final List<String> seen = new ArrayList<>();

  private ChildJvm(String name, Process process, Path stderr) {
    this.name = name;
    this.process = process;
    this.stderr = stderr;
  }

  static ChildJvm start(String name, List<String> jvmOptions, List<String> args, Path logDir)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(TransferProcess.class.getName());
    command.addAll(args);
    Path stderr = logDir.resolve(name + ".stderr.log");
    Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    ChildJvm child = new ChildJvm(name, process, stderr);
    Thread reader = new Thread(child::readLines, name + "-stdout");
    reader.setDaemon(true);
    reader.start();
    return child;
  }

  private void readLines() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (seen) {
          seen.add(line);
        }
        if (line.startsWith("{")) {
          lines.add(new JsonObject(line));
        }
      }
    } catch (IOException | RuntimeException e) {
      // the child ended or printed something that is not JSON; describe() shows what it printed
    }
  }

  /** The next JSON line whose {@code event} is {@code event}; fails after {@code seconds}. */
  JsonObject await(String event, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      JsonObject line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new AssertionError("no '" + event + "' line within " + seconds + " s\n" + describe());
      }
      if (event.equals(line.getString("event"))) {
        return line;
      }
    }
  }

  /** The exit status; fails when the child is still running after {@code seconds}. */
  int exitStatus(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " still running after " + seconds + " s\n" + describe());
    }
    return process.exitValue();
  }

  /** What the child printed: its stdout lines and the tail of its stderr. */
  String describe() {
    StringBuilder text = new StringBuilder(name).append(" stdout:\n");
    synchronized (seen) {
      seen.forEach(line -> text.append("  ").append(line).append('\n'));
    }
    text.append(name).append(" stderr (tail):\n");
    try {
      List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);
      err.subList(Math.max(0, err.size() - 40), err.size())
          .forEach(line -> text.append("  ").append(line).append('\n'));
    } catch (IOException e) {
      text.append("  (unreadable: ").append(e.getMessage()).append(")\n");
    }
    return text.toString();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
