package dev.shade.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this JVM cost so far: CPU seconds (user + system, all threads) and peak resident set size
 * ({@code VmHWM} of {@code /proc/self/status}; -1 where there is no procfs).
 */
record ProcessStats(double cpuSeconds, long peakRssBytes) {
  private static final Path STATUS = Path.of("/proc/self/status");

  static ProcessStats now() {
    return new ProcessStats(processCpuNanos() / 1e9, readVmHwmBytes());
  }

  /** Adds {@code cpuSeconds} and {@code peakRssBytes} to {@code line}. */
  JsonObject addTo(JsonObject line) {
    return line.put("cpuSeconds", Math.round(cpuSeconds * 1000) / 1000.0)
        .put("peakRssBytes", peakRssBytes);
  }

  private static long processCpuNanos() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
  }

  private static long readVmHwmBytes() {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith("VmHWM:")) {
          String kib = line.substring("VmHWM:".length()).replace("kB", "").trim();
          return Long.parseLong(kib) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // no procfs (not Linux): report unknown
    }
    return -1;
  }
}
