package dev.shade.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a run measures. Defaults are the full run (1 GiB, 5 rounds, every scenario); {@code
 * --quick} makes every size and count small and the rounds 2; options given after or before it
 * win over both. Sizes take a binary suffix: {@code 64M}, {@code 1G}.
 */
record BenchOptions(boolean quick, int rounds, Set<String> scenarios, long sizeBytes,
    List<Long> memorySizes, List<String> transports, List<Integer> lanes, int chunkSizeBytes,
    int linkRttMs, int linkMbit, int smallFiles, int smallFileBytes, List<Integer> smallConcurrency,
    int firstByteUploads, long firstByteBytes, int opensslSeconds, String jvmOptions,
    long scratchBytes, Path jar, Path resultsDir, Path workParent, boolean keepWork, String label) {

  static final List<String> SCENARIOS = List.of("throughput", "discard", "memory", "resume",
      "first-byte", "small-files", "link", "scp", "cp", "openssl", "durable");
  static final String USAGE = String.join("\n",
      "usage: bench/run [--quick] [--rounds N] [--scenarios LIST] [--size BYTES]",
      "                 [--memory-sizes LIST] [--transports http,ws] [--lanes LIST] [--chunk-size BYTES]",
      "                 [--link-rtt-ms N] [--link-mbit N] [--small-files N] [--small-file-bytes N]",
      "                 [--small-concurrency LIST] [--first-byte-uploads N] [--first-byte-bytes N]",
      "                 [--openssl-seconds N] [--jvm-opts \"OPTS\"] [--scratch-bytes N]",
      "                 [--results DIR] [--work DIR] [--keep-work] [--label TEXT] [--jar JAR]",
      "scenarios: " + String.join(",", SCENARIOS) + " (default: all)",
      "sizes take K, M or G (binary): --size 64M");

  static BenchOptions parse(String... args) {
    boolean quick = Arrays.asList(args).contains("--quick");
    Builder b = new Builder(quick);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--quick")) {
        continue;
      }
      if (option.equals("--keep-work")) {
        b.keepWork = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + option);
      }
      b.set(option, args[++i]);
    }
    return b.build();
  }

  boolean runs(String scenario) {
    return scenarios.contains(scenario);
  }

  static long bytes(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
      case 'K' -> unit = 1L << 10;
      case 'M' -> unit = 1L << 20;
      case 'G' -> unit = 1L << 30;
      default -> {
        return Long.parseLong(t);
      }
    }
    return Long.parseLong(t.substring(0, t.length() - 1)) * unit;
  }

  /** {@code 1048576} → "1 MiB", {@code 1536} → "1.5 KiB". */
  static String size(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v))
        + " " + units[u];
  }

  private static final class Builder {
    boolean quick;
    int rounds;
    Set<String> scenarios = new LinkedHashSet<>(SCENARIOS);
    long sizeBytes;
    List<Long> memorySizes;
    List<String> transports = List.of("http", "ws");
    List<Integer> lanes = List.of(1, 4, 8);
    int chunkSizeBytes = 1 << 20;
    int linkRttMs = 40;
    int linkMbit = 1000;
    int smallFiles;
    int smallFileBytes = 4096;
    List<Integer> smallConcurrency = List.of(1, 8);
    int firstByteUploads;
    long firstByteBytes = 4L << 20;
    int opensslSeconds;
    String jvmOptions = "-Xmx64m -XX:+UseSerialGC";
    long scratchBytes = 1L << 30;
    Path jar = Path.of(System.getProperty("shade.bench.jar", "bench/target/benchmarks.jar"));
    Path resultsDir = Path.of(System.getProperty("shade.bench.results", "bench/results"));
    Path workParent = Path.of(System.getProperty("java.io.tmpdir"));
    boolean keepWork;
    String label = "";

    Builder(boolean quick) {
      this.quick = quick;
      rounds = quick ? 2 : 5;
      sizeBytes = quick ? 64L << 20 : 1L << 30;
      memorySizes = quick ? List.of(32L << 20, 64L << 20, 128L << 20)
          : List.of(256L << 20, 1L << 30, 4L << 30);
      smallFiles = quick ? 200 : 1000;
      firstByteUploads = quick ? 10 : 20;
      opensslSeconds = quick ? 1 : 3;
    }

    void set(String option, String value) {
      switch (option) {
        case "--rounds" -> rounds = positive(option, Integer.parseInt(value));
        case "--scenarios" -> scenarios = scenarios(value);
        case "--size" -> sizeBytes = positive(option, bytes(value));
        case "--memory-sizes" -> memorySizes = list(value, BenchOptions::bytes);
        case "--transports" -> transports = list(value, BenchOptions.Builder::transport);
        case "--lanes" -> lanes = list(value, Integer::parseInt);
        case "--chunk-size" -> chunkSizeBytes = Math.toIntExact(positive(option, bytes(value)));
        case "--link-rtt-ms" -> linkRttMs = Integer.parseInt(value);
        case "--link-mbit" -> linkMbit = Integer.parseInt(value);
        case "--small-files" -> smallFiles = positive(option, Integer.parseInt(value));
        case "--small-file-bytes" -> smallFileBytes = (int) bytes(value);
        case "--small-concurrency" -> smallConcurrency = list(value, Integer::parseInt);
        case "--first-byte-uploads" -> firstByteUploads = positive(option, Integer.parseInt(value));
        case "--first-byte-bytes" -> firstByteBytes = positive(option, bytes(value));
        case "--openssl-seconds" -> opensslSeconds = positive(option, Integer.parseInt(value));
        case "--jvm-opts" -> jvmOptions = value;
        case "--scratch-bytes" -> scratchBytes = bytes(value);
        case "--jar" -> jar = Path.of(value);
        case "--results" -> resultsDir = Path.of(value);
        case "--work" -> workParent = Path.of(value);
        case "--label" -> label = value;
        default -> throw new IllegalArgumentException("unknown option: " + option);
      }
    }

    private static Set<String> scenarios(String value) {
      Set<String> chosen = new LinkedHashSet<>(list(value, s -> s));
      for (String s : chosen) {
        if (!SCENARIOS.contains(s)) {
          throw new IllegalArgumentException("unknown scenario " + s + "; known: " + SCENARIOS);
        }
      }
      return chosen;
    }

    private static String transport(String name) {
      if (!name.equals("http") && !name.equals("ws")) {
        throw new IllegalArgumentException("transports are http and ws: " + name);
      }
      return name;
    }

    private static <T> List<T> list(String value, Function<String, T> parse) {
      List<T> items = new ArrayList<>();
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          items.add(parse.apply(part.trim()));
        }
      }
      if (items.isEmpty()) {
        throw new IllegalArgumentException("empty list: '" + value + "'");
      }
      return items;
    }

    private static <N extends Number> N positive(String option, N value) {
      if (value.doubleValue() <= 0) {
        throw new IllegalArgumentException(option + " must be positive: " + value);
      }
      return value;
    }

    BenchOptions build() {
      return new BenchOptions(quick, rounds, Collections.unmodifiableSet(scenarios), sizeBytes, memorySizes,
          transports, lanes, chunkSizeBytes, linkRttMs, linkMbit, smallFiles, smallFileBytes,
          smallConcurrency, firstByteUploads, firstByteBytes, opensslSeconds, jvmOptions,
          scratchBytes, jar, resultsDir, workParent, keepWork, label);
    }
  }

  /** The options as a list, for the report. */
  String describe() {
    return Arrays.stream(new String[] {
        "rounds " + rounds, "size " + size(sizeBytes),
        "memory sizes " + memorySizes.stream().map(BenchOptions::size).collect(Collectors.joining(", ")),
        "transports " + String.join(",", transports),
        "lanes " + lanes.stream().map(String::valueOf).collect(Collectors.joining(",")),
        "chunk " + size(chunkSizeBytes), "JVM " + jvmOptions}).collect(Collectors.joining("; "));
  }
}
