package dev.shade.bench.harness;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway OpenSSH server for the scp peer: Debian's {@code sshd} as a non-daemon ({@code -D})
 * on {@code 127.0.0.1} and a free port, with a host key, a user key and an {@code
 * authorized_keys} made for this run in the workspace. One server per copy, under {@code
 * /usr/bin/time -v}, so that the receiving side's CPU and peak RSS (its session process included)
 * are measured like Shade's receiver. Installs {@code openssh-server} with apt-get when it is
 * missing and this is root.
 */
final class SshServer {
  static final Path SSHD = Path.of("/usr/sbin/sshd");
  static final String CIPHER = "aes128-gcm@openssh.com";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final RunContext ctx;
  private final Path dir;

  /** A running server and its port. */
  record Running(Child child, int port) implements AutoCloseable {
    /** Stops the server once its session processes are gone, so that time counts them. */
    void stop() throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (child.measured().children().findAny().isPresent() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      child.terminate();
      child.awaitExit(START_TIMEOUT);
    }

    @Override
    public void close() {
      child.close();
    }
  }

  private SshServer(RunContext ctx, Path dir) {
    this.ctx = ctx;
    this.dir = dir;
  }

  /** Keys for this run (and the package, when it is missing). */
  static SshServer prepare(RunContext ctx) throws Exception {
    ensureInstalled(ctx);
    Path dir = ctx.workspace.fresh("ssh");
    Files.createDirectories(dir);
    for (String key : List.of("host_key", "user_key")) {
      ctx.run("ssh-keygen", List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C",
          "shade-bench", "-f", dir.resolve(key).toString()), START_TIMEOUT);
    }
    Files.copy(dir.resolve("user_key.pub"), dir.resolve("authorized_keys"));
    Path privsep = Path.of("/run/sshd");
    if (isRoot() && !Files.isDirectory(privsep)) {
      Files.createDirectories(privsep);
    }
    return new SshServer(ctx, dir);
  }

  Running start() throws Exception {
    int port = freePort();
    Path config = dir.resolve("sshd_config");
    Files.writeString(config, String.join("\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + dir.resolve("host_key"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
        "PidFile none",
        "StrictModes no",
        "UsePAM no",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PubkeyAuthentication yes",
        "PermitRootLogin prohibit-password",
        "Subsystem sftp internal-sftp",
        "LogLevel INFO", ""));
    Child child = ctx.start("sshd", List.of(SSHD.toString(), "-D", "-e", "-f", config.toString()),
        true);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!child.stderr().contains("Server listening on 127.0.0.1 port " + port)) {
      if (System.nanoTime() > deadline || !child.measured().isAlive()) {
        child.close();
        throw new IllegalStateException("sshd did not start\n" + child.describe());
      }
      Thread.sleep(10);
    }
    return new Running(child, port);
  }

  /** scp of {@code source} to {@code target} on this machine through {@code port}. */
  List<String> scp(int port, Path source, Path target) {
    return List.of("scp", "-q", "-B", "-F", "/dev/null", "-c", CIPHER, "-P", String.valueOf(port),
        "-i", dir.resolve("user_key").toString(), "-o", "IdentitiesOnly=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "LogLevel=ERROR", source.toString(),
        System.getProperty("user.name") + "@127.0.0.1:" + target);
  }

  private static void ensureInstalled(RunContext ctx) throws Exception {
    if (Files.isExecutable(SSHD)) {
      return;
    }
    if (!isRoot()) {
      throw new IllegalStateException(SSHD + " is missing: install openssh-server (as root:"
          + " apt-get install -y openssh-server)");
    }
    // policy-rc.d 101 keeps the package's own service from starting on port 22
    Path policy = Path.of("/usr/sbin/policy-rc.d");
    boolean ownPolicy = !Files.exists(policy);
    if (ownPolicy) {
      Files.writeString(policy, "#!/bin/sh\nexit 101\n");
      policy.toFile().setExecutable(true);
    }
    try {
      List<String> install = List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get",
          "install", "-y", "-q", "openssh-server");
      try {
        ctx.run("apt-get-install", install, Duration.ofMinutes(10));
      } catch (IllegalStateException first) {
        ctx.run("apt-get-update", List.of("apt-get", "update", "-q"), Duration.ofMinutes(10));
        ctx.run("apt-get-install", install, Duration.ofMinutes(10));
      }
    } finally {
      if (ownPolicy) {
        Files.deleteIfExists(policy);
      }
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
