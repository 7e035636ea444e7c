package dev.shade.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The facts a reader needs to compare figures across machines, and the load during the run. */
final class Machine {
  private Machine() {}

  static Map<String, String> describe() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("cpus (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors()));
    facts.put("cpu model", procLine("/proc/cpuinfo", "model name"));
    String memKib = procLine("/proc/meminfo", "MemTotal").replace("kB", "").trim();
    facts.put("memory", memKib.isEmpty() ? "?" : String.format(Locale.ROOT, "%.1f GiB",
        Long.parseLong(memKib) / 1024.0 / 1024.0));
    facts.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    facts.put("jdk", System.getProperty("java.vm.name") + " "
        + System.getProperty("java.runtime.version"));
    facts.put("openssh", firstLine("ssh", "-V"));
    facts.put("openssl", firstLine("openssl", "version"));
    return facts;
  }

  /** The one-minute load average now, as {@code /proc/loadavg} says. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String procLine(String file, String key) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(key)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "";
  }

  private static String firstLine(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor(10, TimeUnit.SECONDS);
      return out.lines().findFirst().orElse("").trim();
    } catch (IOException e) {
      return "not installed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
