package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.PeerAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/** A {@code shade serve} child process on a free loopback port, with its home and inbox. */
final class ServingNode implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("^(\\S+) listening on (http://\\S+)");
  final Path home;
  final Path inbox;
  final PeerAddress address;
  final URI baseUrl;
  private final ShadeProcess process;
  private final List<String> options;

  private ServingNode(Path home, Path inbox, MatchResult listening, ShadeProcess process,
      List<String> options) {
    this.home = home;
    this.inbox = inbox;
    this.address = PeerAddress.parse(listening.group(1));
    this.baseUrl = URI.create(listening.group(2));
    this.process = process;
    this.options = options;
  }

  /**
   * Serves {@code home}, with {@code home/../inbox} as the inbox.
   *
   * @param name runs {@code shade init --name} first; null lets {@code serve} create the identity
   */
  static ServingNode start(Path home, String name, String... options) {
    if (name != null) {
      ShadeProcess.Result init = ShadeProcess.run(home.getParent(), "init", "--home",
          home.toString(), "--name", name);
      assertEquals(0, init.exitCode(), init::toString);
    }
    return start(home, 0, List.of(options));
  }

  private static ServingNode start(Path home, int port, List<String> options) {
    Path inbox = home.resolveSibling("inbox");
    List<String> args = new ArrayList<>(List.of("serve", "--home", home.toString(), "--port",
        Integer.toString(port), "--inbox", inbox.toString()));
    args.addAll(options);
    ShadeProcess process = ShadeProcess.start(home.getParent(), Map.of(),
        args.toArray(new String[0]));
    try {
      MatchResult listening = process.awaitStdout(LISTENING, Duration.ofSeconds(60));
      return new ServingNode(home, inbox, listening, process, options);
    } catch (RuntimeException | AssertionError e) {
      process.close();
      throw e;
    }
  }

  /** A new {@code serve} of the same home, inbox and options on the same port. */
  ServingNode restart() {
    return start(home, baseUrl.getPort(), options);
  }

  /** SIGKILL: the node dies at once, as in a crash. */
  void kill() {
    process.kill();
  }

  /** Runs {@code shade send --home senderHome --to <this node> args...}. */
  ShadeProcess.Result sendFrom(Path senderHome, String... args) {
    return ShadeProcess.send(senderHome, baseUrl, args);
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
