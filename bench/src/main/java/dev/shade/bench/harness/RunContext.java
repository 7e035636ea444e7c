package dev.shade.bench.harness;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every trial of a run shares: the options, the workspace, the results, and how to start a
 * {@code TransferProcess} child (this JVM's {@code java}, the run's JVM options, the benchmark
 * jar, and {@code MALLOC_ARENA_MAX=2} so that glibc does not grow an arena per thread).
 */
final class RunContext {
  static final String TRANSFER_PROCESS = "dev.shade.bench.TransferProcess";
  static final Map<String, String> CHILD_ENV = Map.of("MALLOC_ARENA_MAX", "2");

  final BenchOptions options;
  final Workspace workspace;
  final Results results;
  private final AtomicInteger children = new AtomicInteger();

  RunContext(BenchOptions options, Workspace workspace, Results results) {
    this.options = options;
    this.workspace = workspace;
    this.results = results;
  }

  /** A {@code TransferProcess} child: {@code role} and its arguments. */
  Child startNode(String name, boolean measured, List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    for (String option : options.jvmOptions().trim().split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option);
      }
    }
    command.addAll(List.of("-cp", options.jar().toString(), TRANSFER_PROCESS));
    command.addAll(args);
    return start(name, command, measured);
  }

  /** Any command as a child, its log named after the run's order of children. */
  Child start(String name, List<String> command, boolean measured) throws IOException {
    String logName = String.format("%04d-%s", children.incrementAndGet(), name);
    return Child.start(logName, command, workspace.logs(), CHILD_ENV, measured);
  }

  /** Runs {@code command} to its end and returns its stdout; fails on a non-zero exit. */
  List<String> run(String name, List<String> command, Duration timeout) throws Exception {
    try (Child child = start(name, command, false)) {
      child.awaitSuccess(timeout);
      return child.lines();
    }
  }

  /** A generous bound for moving {@code bytes}: two minutes plus 4 MB/s. */
  static Duration transferTimeout(long bytes) {
    return Duration.ofSeconds(120 + bytes / 4_000_000);
  }
}
