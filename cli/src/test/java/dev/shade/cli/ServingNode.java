package dev.shade.cli;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A {@code shade serve} child process on loopback, with its home and inbox. */
final class ServingNode implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");
  final Path home;
  final Path inbox;
  final URI baseUrl;
  private final ShadeProcess process;

  private ServingNode(Path home, Path inbox, URI baseUrl, ShadeProcess process) {
    this.home = home;
    this.inbox = inbox;
    this.baseUrl = baseUrl;
    this.process = process;
  }

  /**
   * Serves {@code home} (initialised first as {@code name}) on {@code port} (0: any free one),
   * with {@code home/../inbox-<name>} as the inbox.
   */
  static ServingNode start(Path home, String name, int port, String... options) {
    ShadeProcess.Result init = ShadeProcess.run(home.getParent(), "init", "--home",
        home.toString(), "--name", name);
    if (init.exitCode() != 0) {
      throw new AssertionError("init failed: " + init);
    }
    Path inbox = home.resolveSibling("inbox-" + name);
    List<String> args = new ArrayList<>(List.of("serve", "--home", home.toString(), "--port",
        Integer.toString(port), "--inbox", inbox.toString()));
    args.addAll(List.of(options));
    ShadeProcess process = ShadeProcess.start(home.getParent(), Map.of(),
        args.toArray(new String[0]));
    try {
      URI baseUrl = URI.create(process.awaitStdout(LISTENING, Duration.ofSeconds(60)));
      return new ServingNode(home, inbox, baseUrl, process);
    } catch (RuntimeException | AssertionError e) {
      process.close();
      throw e;
    }
  }

  /** Runs {@code shade send --home senderHome --to <this node> args...}. */
  ShadeProcess.Result sendFrom(Path senderHome, String... args) {
    List<String> command = new ArrayList<>(List.of("send", "--home", senderHome.toString(),
        "--to", baseUrl.toString()));
    command.addAll(List.of(args));
    return ShadeProcess.run(senderHome.getParent(), command.toArray(new String[0]));
  }

  int port() {
    return baseUrl.getPort();
  }

  /** What the node printed so far. */
  String output() {
    return process.snapshot().stdout();
  }

  /** Waits until the node printed a line matching {@code pattern}. */
  void awaitOutput(Pattern pattern) {
    process.awaitStdout(pattern, Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    process.close();
  }
}
