package dev.shade.resume;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server of the tests. {@code SHADE_TEST_PG_URL}, {@code SHADE_TEST_PG_USER} and
 * {@code SHADE_TEST_PG_PASSWORD} (environment, or system properties {@code shade.test.pg.url},
 * {@code .user}, {@code .password}) name one; without them, when PostgreSQL's binaries are
 * installed, {@code scripts/pg-test-server} starts a throwaway server once per test JVM and stops
 * it when the JVM exits ({@code -Dshade.test.pg.autostart=false} turns that off). Without either
 * the tests are skipped, except under {@code CI=true}, where they fail: CI must not pass without
 * them.
 */
final class PostgresTestServer {
  record Login(String url, String user, String password) {
    Connection open() throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    /** Deletes a test's rows, for servers that outlive the tests. */
    void deleteNamespace(String namespace) throws SQLException {
      try (Connection c = open()) {
        for (String table : new String[] {"resume_state", "protocol_state"}) {
          try (var delete = c.prepareStatement("DELETE FROM " + table + " WHERE node = ?")) {
            delete.setString(1, namespace);
            delete.executeUpdate();
          }
        }
      }
    }
  }

  /** A node's stores in a namespace no other test uses; closing deletes the namespace's rows. */
  record TestNode(Login login, String namespace, PostgresStores stores) implements AutoCloseable {
    static TestNode connect() {
      Login login = PostgresTestServer.login();
      String namespace = "test-" + UUID.randomUUID();
      return new TestNode(login, namespace,
          PostgresStores.connect(login.url(), login.user(), login.password(), namespace));
    }

    @Override
    public void close() throws SQLException {
      stores.close();
      login.deleteNamespace(namespace);
    }
  }

  private static final Object LOCK = new Object();
  private static Login login;
  private static String unavailable;

  private PostgresTestServer() {}

  /** The server's login; aborts (or, under CI, fails) the calling test when there is none. */
  static Login login() {
    synchronized (LOCK) {
      if (login == null && unavailable == null) {
        find();
      }
    }
    if (login != null) {
      return login;
    }
    String message = "PostgreSQL tests need a server: " + unavailable;
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true: failing instead of skipping)");
    }
    Assumptions.abort(message + "; skipped");
    throw new AssertionError("unreachable");
  }

  private static void find() {
    String url = setting("url");
    if (url != null) {
      login = new Login(url, setting("user"), setting("password"));
      return;
    }
    Path script = script();
    if ("false".equals(System.getProperty("shade.test.pg.autostart"))) {
      unavailable = "no SHADE_TEST_PG_URL, and -Dshade.test.pg.autostart=false";
    } else if (script == null) {
      unavailable = "no SHADE_TEST_PG_URL, and no scripts/pg-test-server above " + workingDir();
    } else if (!binariesInstalled()) {
      unavailable = "no SHADE_TEST_PG_URL, and no PostgreSQL under /usr/lib/postgresql/*/bin "
          + "(apt-get install postgresql, or run scripts/pg-test-server start and export the "
          + "lines it prints)";
    } else {
      try {
        login = start(script);
      } catch (IOException | InterruptedException | RuntimeException e) {
        unavailable = "scripts/pg-test-server start failed: " + e.getMessage();
      }
    }
  }

  private static Login start(Path script) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("shade-pg-env");
    Path envFile = dir.resolve("server.env");
    Path log = dir.resolve("script.log");
    Process start = new ProcessBuilder("bash", script.toString(), "start", "--no-install",
        envFile.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!start.waitFor(120, TimeUnit.SECONDS) || start.exitValue() != 0) {
      start.destroyForcibly();
      throw new IOException(Files.readString(log).strip());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(script, envFile, dir)));
    Map<String, String> env = new HashMap<>();
    for (String line : Files.readAllLines(envFile, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return new Login(env.get("SHADE_TEST_PG_URL"), env.get("SHADE_TEST_PG_USER"),
        env.get("SHADE_TEST_PG_PASSWORD"));
  }

  private static void stop(Path script, Path envFile, Path dir) {
    try {
      new ProcessBuilder("bash", script.toString(), "stop", envFile.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("stop.log").toFile()).start()
          .waitFor(60, TimeUnit.SECONDS);
      Files.deleteIfExists(dir.resolve("script.log"));
      Files.deleteIfExists(dir.resolve("stop.log"));
      Files.deleteIfExists(dir);
    } catch (IOException | InterruptedException e) {
      System.err.println("could not stop the test PostgreSQL server: " + e);
    }
  }

  private static String setting(String name) {
    String property = System.getProperty("shade.test.pg." + name);
    if (property != null && !property.isBlank()) {
      return property;
    }
    String env = System.getenv("SHADE_TEST_PG_" + name.toUpperCase(java.util.Locale.ROOT));
    return env == null || env.isBlank() ? null : env;
  }

  private static Path workingDir() {
    return Path.of(System.getProperty("user.dir")).toAbsolutePath();
  }

  private static Path script() {
    for (Path dir = workingDir(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("scripts/pg-test-server");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static boolean binariesInstalled() {
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.anyMatch(v -> Files.isExecutable(v.resolve("bin/initdb")));
    } catch (IOException e) {
      return false;
    }
  }
}
