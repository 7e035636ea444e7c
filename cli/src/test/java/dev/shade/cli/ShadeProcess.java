package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code shade} jar in a child JVM, or a shell command: {@link #run} waits for it to end,
 * {@link #start} leaves it running (a {@code serve}) with its output collected as it comes. The jar
 * is the one {@code mvn package} built ({@code -Dshade.jar}, set by failsafe).
 */
final class ShadeProcess implements AutoCloseable {
  static final Path JAR = Path.of(System.getProperty("shade.jar", "target/shade.jar"));
  /**
   * Short-lived JVMs on a machine shared with the rest of the build: compiled by C1 only, with a
   * serial collector, they spend about a third less CPU starting up. Nothing they test depends on
   * the JIT or the collector.
   */
  static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
      "-Xmx256m");
  private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

  private final Process process;
  private final Collector stdout;
  private final Collector stderr;

  /** What a finished command printed and how it exited. */
  record Result(int exitCode, String stdout, String stderr) {
    List<String> stdoutLines() {
      return stdout.isEmpty() ? List.of() : List.of(stdout.split("\n"));
    }

    /** The last line of stdout as JSON: the event a {@code --json} command ended with. */
    JsonObject lastEvent() {
      List<String> lines = stdoutLines();
      assertFalse(lines.isEmpty(), "nothing on stdout");
      return new JsonObject(lines.get(lines.size() - 1));
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
    }
  }

  private ShadeProcess(Process process) {
    this.process = process;
    this.stdout = new Collector(process.getInputStream());
    this.stderr = new Collector(process.getErrorStream());
  }

  static Result run(Path dir, Map<String, String> env, String... args) {
    try (ShadeProcess shade = start(dir, env, args)) {
      return shade.await(RUN_TIMEOUT);
    }
  }

  static Result run(Path dir, String... args) {
    return run(dir, Map.of(), args);
  }

  /** Runs {@code shade send --home senderHome --to baseUrl args...} beside the sender's home. */
  static Result send(Path senderHome, URI baseUrl, String... args) {
    List<String> command = new ArrayList<>(List.of("send", "--home", senderHome.toString(),
        "--to", baseUrl.toString()));
    command.addAll(List.of(args));
    return run(senderHome.getParent(), command.toArray(new String[0]));
  }

  static ShadeProcess start(Path dir, Map<String, String> env, String... args) {
    assertTrue(Files.isRegularFile(JAR), JAR + " is missing: run mvn package first");
    List<String> command = new ArrayList<>(List.of(javaBinary()));
    command.addAll(JVM_OPTIONS);
    command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
    command.addAll(List.of(args));
    return start(dir, env, command);
  }

  /**
   * Runs {@code command} with {@code bash -c} in {@code dir}; {@code ./shade} there gets the
   * same JVM options as the jar's direct runs.
   */
  static ShadeProcess shell(Path dir, String command) {
    return start(dir, Map.of("SHADE_JAVA_OPTS", String.join(" ", JVM_OPTIONS)),
        List.of("bash", "-c", "exec " + command));
  }

  static Result runShell(Path dir, String command) {
    try (ShadeProcess shell = shell(dir, command)) {
      return shell.await(RUN_TIMEOUT);
    }
  }

  private static ShadeProcess start(Path dir, Map<String, String> env, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().remove(Home.ENV);
    builder.environment().putAll(env);
    try {
      return new ShadeProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  long pid() {
    return process.pid();
  }

  /** Waits for a line of stdout in which {@code pattern} is found. */
  MatchResult awaitStdout(Pattern pattern, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : stdout.lines()) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          return m.toMatchResult();
        }
      }
      if (!process.isAlive()) {
        break;
      }
      sleep(50);
    }
    return fail("no line matching " + pattern + " within " + timeout + "; so far:\n"
        + snapshot());
  }

  /**
   * Waits for a JSON event on stdout that {@code wanted} accepts; empty when the process ended
   * without printing one. Polls often: a test may kill the process as soon as the event shows.
   */
  Optional<JsonObject> awaitEvent(Predicate<JsonObject> wanted, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int seen = 0;
    while (System.nanoTime() < deadline) {
      boolean alive = process.isAlive();
      List<String> lines = stdout.lines();
      for (; seen < lines.size(); seen++) {
        String line = lines.get(seen);
        if (line.startsWith("{") && wanted.test(new JsonObject(line))) {
          return Optional.of(new JsonObject(line));
        }
      }
      if (!alive) {
        return Optional.empty();
      }
      sleep(5);
    }
    return fail("no such event within " + timeout + "; so far:\n" + snapshot());
  }

  /** SIGKILL: the process ends at once, without shutdown hooks. Waits until it is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        fail("process " + process.pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything printed so far. */
  Result snapshot() {
    return new Result(process.isAlive() ? -1 : process.exitValue(), stdout.text(),
        stderr.text());
  }

  Result await(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail("shade did not finish within " + timeout + ":\n" + snapshot());
      }
      stdout.finish();
      stderr.finish();
      return snapshot();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops a running command as Ctrl-C would, and waits for it to end. */
  Result interrupt() {
    assertFalse(sigintIgnored(), "SIGINT is ignored in this JVM, so the child inherits that and a"
        + " Ctrl-C cannot reach it: run the build in the foreground or with job control (a"
        + " command started with & in a script ignores SIGINT)");
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return await(Duration.ofSeconds(30));
  }

  /** Whether this JVM (and so every child it starts) ignores SIGINT, from Linux's /proc. */
  private static boolean sigintIgnored() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << 1)) != 0;
        }
      }
      return false;
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Reads a stream to the end on its own thread, keeping every line. */
  private static final class Collector extends Thread {
    private final BufferedReader reader;
    private final StringBuilder text = new StringBuilder();

    Collector(InputStream in) {
      this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      setDaemon(true);
      start();
    }

    @Override
    public void run() {
      try {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          synchronized (text) {
            text.append(line).append('\n');
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }

    String text() {
      synchronized (text) {
        return text.toString();
      }
    }

    List<String> lines() {
      String t = text();
      return t.isEmpty() ? List.of() : List.of(t.split("\n"));
    }

    void finish() throws InterruptedException {
      join(10_000);
    }
  }
}
