package dev.shade.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process's command line, a failing send and its own cost figures, in process (no child JVM). */
class TransferProcessTest {
  @Test
  void badCommandLinesAreUsageErrors() {
    for (String[] args : List.of(new String[0], new String[] {"fly"},
        new String[] {"receive", "--port", "0"},
        new String[] {"receive", "--out", "x", "--discard"},
        new String[] {"receive", "--out", "x", "--inbox", "y"},
        new String[] {"receive", "--discard", "--colour", "red"},
        new String[] {"receive", "--discard", "--count"},
        new String[] {"send", "--to", "http://127.0.0.1:1/v1/transfer", "--address-of-peer",
            "bob.1"},
        new String[] {"send", "--address-of-peer", "bob.1", "some-file"})) {
      assertThrows(ProcessArgs.UsageException.class, () -> TransferProcess.run(args),
          String.join(" ", args));
    }
  }

  @Test
  void sendTakesAFileOrAFolderAndSaneCounts(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("small.bin"), new byte[16]);
    String to = "http://127.0.0.1:1/v1/transfer";
    for (String[] args : List.of(
        new String[] {"send", "--to", to, "--address-of-peer", "bob.1", "--files",
            dir.toString(), file.toString()},
        new String[] {"send", "--to", to, "--address-of-peer", "bob.1", "--files",
            dir.resolve("none").toString()},
        new String[] {"send", "--to", to, "--address-of-peer", "bob.1", "--repeat", "0",
            file.toString()},
        new String[] {"send", "--to", to, "--address-of-peer", "bob.1", "--concurrency", "0",
            file.toString()})) {
      assertThrows(Exception.class, () -> TransferProcess.run(args), String.join(" ", args));
    }
  }

  @Test
  void aTransportOtherThanHttpOrWsIsAUsageError(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("small.bin"), new byte[16]);
    String[] args = {"send", "--to", "http://127.0.0.1:1/v1/transfer", "--address-of-peer",
        "bob.1", "--transport", "pigeon", file.toString()};
    assertThrows(ProcessArgs.UsageException.class, () -> TransferProcess.run(args));
  }

  @Test
  void optionsFlagsAndPositionalsAreTold() {
    ProcessArgs args = ProcessArgs.parse(new String[] {"send", "--lanes", "8", "--fast", "a.bin"},
        Set.of("--lanes"), Set.of("--fast"));
    assertEquals("send", args.role());
    assertEquals(8, args.intValue("--lanes", 4));
    assertEquals(1048576, args.intValue("--chunk-size", 1048576));
    assertTrue(args.has("--fast"));
    assertEquals(List.of("a.bin"), args.positional());
    assertThrows(ProcessArgs.UsageException.class, () -> ProcessArgs.parse(
        new String[] {"send", "--lanes", "many"}, Set.of("--lanes"), Set.of()).intValue("--lanes", 4));
  }

  @Test
  void aSendToNoNodeFailsWithTheCauseAndOpensItsResumeStore(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("small.bin"), new byte[4096]);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path resumeState = dir.resolve("resume.db");
    String[] args = {"send", "--to", "http://127.0.0.1:" + port + "/v1/transfer",
        "--address-of-peer", "bob.1", "--timeout-seconds", "60", "--resume-state",
        resumeState.toString(), file.toString()};
    Exception e = assertThrows(Exception.class, () -> TransferProcess.run(args));
    assertFalse(e instanceof ProcessArgs.UsageException, e.toString());
    assertTrue(Files.size(resumeState) > 0, "the SQLite resume store was opened");
  }

  @Test
  void statsReportCpuAndPeakRssOnLinux() {
    ProcessStats stats = ProcessStats.now();
    assertTrue(stats.cpuSeconds() > 0, "cpu " + stats.cpuSeconds());
    if (System.getProperty("os.name").startsWith("Linux")) {
      assertTrue(stats.peakRssBytes() > 1 << 20, "VmHWM " + stats.peakRssBytes());
    }
  }
}
