package dev.shade.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The most memory this process has held so far: its peak resident set ({@code VmHWM} in Linux's
 * {@code /proc/self/status}, all memory: heap, native, code) and, for comparison, the sum of the
 * Java heap pools' peaks.
 */
record PeakMemory(Optional<Long> residentBytes, long heapBytes) {
  private static final Path STATUS = Path.of("/proc/self/status");

  static PeakMemory now() {
    long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP)
        .map(MemoryPoolMXBean::getPeakUsage).mapToLong(usage -> usage.getUsed()).sum();
    return new PeakMemory(residentFromProcfs(), heap);
  }

  private static Optional<Long> residentFromProcfs() {
    try (Stream<String> lines = Files.lines(STATUS)) {
      return lines.filter(line -> line.startsWith("VmHWM:")).findFirst()
          .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // no procfs: not Linux
    }
  }

  @Override
  public String toString() {
    return residentBytes.map(rss -> Display.bytes(rss) + " resident (whole process), ").orElse("")
        + Display.bytes(heapBytes) + " Java heap";
  }
}
