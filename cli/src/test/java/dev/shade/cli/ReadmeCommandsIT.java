package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command of the README's {@code sh} blocks, in order, from the repository root, as a
 * newcomer would: the README cannot rot. A line ending in {@code \} continues on the next. Each
 * command must exit 0. Only these changes are made, each to fit a test run on a shared machine:
 *
 * <ul>
 *   <li>{@code /tmp/} becomes a fresh temporary folder and port 8080 a free port;
 *   <li>sizes, rounds and iterations become small ones ({@link #SMALLER});
 *   <li>{@code shade serve} runs in the background until every later command has run;
 *   <li>{@code mvn -B verify} is not run: it is the build that runs this test;
 *   <li>commands of optional tools that are not installed ({@code openssl}) are skipped.
 * </ul>
 */
class ReadmeCommandsIT {
  private static final Path ROOT = Path.of(System.getProperty("shade.repository", ".."))
      .toAbsolutePath().normalize();
  private static final String THIS_BUILD = "mvn -B verify";
  private static final Set<String> OPTIONAL_TOOLS = Set.of("openssl");
  private static final Pattern SH_BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  /** Smaller workloads, applied in order: pattern, replacement. */
  private static final Map<String, String> SMALLER = new LinkedHashMap<>();

  static {
    SMALLER.put("^(\\./shade demo)$", "$1 --size 1048576");
    SMALLER.put("--size [0-9]+ --rounds [0-9]+", "--size 1048576 --rounds 1");
    SMALLER.put("-f [0-9]+ -wi [0-9]+ -i [0-9]+", "-f 0 -wi 0 -i 1 -r 100ms");
    SMALLER.put("openssl speed ", "openssl speed -seconds 1 ");
  }

  @TempDir
  Path tmp;

  @Test
  void everyShellCommandInTheReadmeRuns() throws Exception {
    List<String> commands = commands(Files.readString(ROOT.resolve("README.md")));
    assertTrue(commands.contains(THIS_BUILD), "the README lost its test command");
    int port = freePort();
    Set<Path> benchResults = listing(ROOT.resolve("bench/results"));
    List<ShadeProcess> background = new ArrayList<>();
    try {
      for (String readme : commands) {
        if (readme.equals(THIS_BUILD) || !installed(readme)) {
          continue;
        }
        String command = adapt(readme, port);
        if (command.startsWith("./shade serve")) {
          ShadeProcess serve = ShadeProcess.shell(ROOT, command);
          background.add(serve);
          serve.awaitStdout(LISTENING, Duration.ofSeconds(120));
        } else {
          ShadeProcess.Result r = ShadeProcess.runShell(ROOT, command);
          assertEquals(0, r.exitCode(), () -> readme + "\nran as: " + command + "\n" + r);
        }
      }
    } finally {
      background.forEach(ShadeProcess::close);
      for (Path added : listing(ROOT.resolve("bench/results"))) {
        if (!benchResults.contains(added)) {
          Files.delete(added);
        }
      }
    }
  }

  /** The commands of every {@code sh} block, continuation lines joined. */
  static List<String> commands(String markdown) {
    List<String> commands = new ArrayList<>();
    Matcher block = SH_BLOCK.matcher(markdown);
    while (block.find()) {
      String joined = block.group(1).replaceAll("\\\\\n\\s*", "");
      joined.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(commands::add);
    }
    return commands;
  }

  private String adapt(String command, int port) {
    String adapted = command.replace("/tmp/", tmp + "/").replace(":8080", ":" + port)
        .replace("--port 8080", "--port " + port);
    for (Map.Entry<String, String> smaller : SMALLER.entrySet()) {
      adapted = adapted.replaceAll(smaller.getKey(), smaller.getValue());
    }
    return adapted;
  }

  private static boolean installed(String command) {
    String tool = command.split(" ")[0];
    return !OPTIONAL_TOOLS.contains(tool) || Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static Set<Path> listing(Path dir) {
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.collect(Collectors.toSet());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
