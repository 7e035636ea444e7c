package dev.shade.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scenario 7, the peers in the same run: scp through a throwaway sshd (on loopback, and through
 * the link emulator for scenario 6), cp as the disk reference, and {@code openssl speed} for the
 * crypto limits. scp and cp write into the page cache without fsync, as Shade does not; "MB/s incl.
 * fsync" adds a {@code sync FILE} after the copy, comparable with Shade's file output, which
 * fsyncs before it verifies.
 */
final class PeerTrials {
  static final String SCP_ROW = "scp -c " + SshServer.CIPHER;
  static final String CP_ROW = "cp (disk reference)";
  static final String WITH_FSYNC = "MB/s incl. fsync";
  static final String CRYPTO_SECTION = "7. Crypto limits (openssl speed, 1 MiB blocks, one core)";
  static final String AES_ROW = "AES-256-GCM";
  static final String SHA_ROW = "SHA-256";
  static final String OPENSSL_MB_PER_SEC = "MB/s";

  private final RunContext ctx;
  private SshServer ssh;

  PeerTrials(RunContext ctx) {
    this.ctx = ctx;
  }

  List<Trial> loopbackTrials() {
    List<Trial> trials = new ArrayList<>();
    if (ctx.options.runs("scp")) {
      ctx.results.note(ThroughputTrials.SECTION, "scp: OpenSSH's scp (SFTP protocol, the"
          + " default since OpenSSH 9) to a throwaway sshd on 127.0.0.1, cipher "
          + SshServer.CIPHER + ", same filesystem; MB/s over scp's wall time (ssh connection"
          + " and key exchange included); receiver = the sshd process tree.");
      trials.add(Trial.of("1. " + SCP_ROW, round -> scp(ThroughputTrials.SECTION, round, false)));
    }
    if (ctx.options.runs("cp")) {
      ctx.results.note(ThroughputTrials.SECTION, "cp: coreutils cp to the same filesystem,"
          + " one process (no receiver columns).");
      trials.add(Trial.of("1. " + CP_ROW, this::cp));
    }
    return trials;
  }

  Trial linkTrial() {
    return Trial.of("6. " + SCP_ROW, round -> scp(LinkTrials.SECTION, round, true));
  }

  List<Trial> opensslTrials() {
    if (!ctx.options.runs("openssl")) {
      return List.of();
    }
    ctx.results.note(CRYPTO_SECTION, "openssl speed -seconds " + ctx.options.opensslSeconds()
        + " -bytes 1048576 -evp aes-256-gcm, and -evp sha256 (one thread each), every round.");
    return List.of(Trial.of("7. openssl aes-256-gcm", round -> openssl("aes-256-gcm", AES_ROW)),
        Trial.of("7. openssl sha256", round -> openssl("sha256", SHA_ROW)));
  }

  private String scp(String section, int round, boolean viaLink) throws Exception {
    if (ssh == null) {
      ssh = SshServer.prepare(ctx);
    }
    Workspace.Source source = ctx.workspace.source(ctx.options.sizeBytes());
    Path target = ctx.workspace.fresh("scp-received.bin");
    try (SshServer.Running server = ssh.start();
        LinkEmulator link = viaLink ? LinkTrials.emulator(ctx.options, server.port()) : null) {
      int port = link == null ? server.port() : link.port();
      try (Child scp = ctx.start("scp", ssh.scp(port, source.path(), target), true)) {
        scp.awaitSuccess(RunContext.transferTimeout(source.bytes()));
        double seconds = scp.wallSeconds();
        double syncSeconds = sync(target);
        server.stop();
        check(source, target, round);
        CopyOutcome outcome = new CopyOutcome(source.bytes() / 1e6 / seconds,
            source.bytes() / 1e6 / seconds, scp.usage().orElseThrow(),
            server.child().usage());
        outcome.record(ctx.results, section, SCP_ROW);
        ctx.results.add(section, SCP_ROW, WITH_FSYNC, source.bytes() / 1e6 / (seconds + syncSeconds));
        return outcome.summary();
      }
    } finally {
      Files.deleteIfExists(target);
    }
  }

  private String cp(int round) throws Exception {
    Workspace.Source source = ctx.workspace.source(ctx.options.sizeBytes());
    Path target = ctx.workspace.fresh("cp-copy.bin");
    try (Child cp = ctx.start("cp", List.of("cp", source.path().toString(), target.toString()),
        true)) {
      cp.awaitSuccess(RunContext.transferTimeout(source.bytes()));
      double seconds = cp.wallSeconds();
      double syncSeconds = sync(target);
      check(source, target, round);
      double mbPerSec = source.bytes() / 1e6 / seconds;
      CopyOutcome outcome = new CopyOutcome(mbPerSec, mbPerSec, cp.usage().orElseThrow(),
          Optional.empty());
      outcome.record(ctx.results, ThroughputTrials.SECTION, CP_ROW);
      ctx.results.add(ThroughputTrials.SECTION, CP_ROW, WITH_FSYNC,
          source.bytes() / 1e6 / (seconds + syncSeconds));
      return outcome.summary();
    } finally {
      Files.deleteIfExists(target);
    }
  }

  /** Seconds that {@code sync FILE} (fsync of that file) takes. */
  private double sync(Path file) throws Exception {
    long start = System.nanoTime();
    ctx.run("sync", List.of("sync", file.toString()), Duration.ofMinutes(5));
    return (System.nanoTime() - start) / 1e9;
  }

  /** The size every round; the SHA-256 in the first (a full read of the copy costs seconds). */
  private static void check(Workspace.Source source, Path copy, int round) throws Exception {
    if (Files.size(copy) != source.bytes()
        || round == 1 && !Workspace.sha256(copy).equals(source.sha256())) {
      throw new IllegalStateException(copy + " differs from " + source.path());
    }
  }

  private String openssl(String algorithm, String row) throws Exception {
    List<String> out = ctx.run("openssl", List.of("openssl", "speed", "-seconds",
        String.valueOf(ctx.options.opensslSeconds()), "-bytes", "1048576", "-evp", algorithm,
        "-mr"), Duration.ofMinutes(2));
    double mbPerSec = machineReadableBytesPerSecond(out) / 1e6;
    ctx.results.add(CRYPTO_SECTION, row, OPENSSL_MB_PER_SEC, mbPerSec);
    return String.format(Locale.ROOT, "%.0f MB/s", mbPerSec);
  }

  /** The figure of {@code openssl speed -mr}'s {@code +F:n:NAME:bytesPerSecond} line. */
  static double machineReadableBytesPerSecond(List<String> lines) {
    for (String line : lines) {
      if (line.startsWith("+F:")) {
        String[] fields = line.split(":");
        return Double.parseDouble(fields[fields.length - 1]);
      }
    }
    throw new IllegalStateException("no +F: line in openssl's output: " + lines);
  }
}
