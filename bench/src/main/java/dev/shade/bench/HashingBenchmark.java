package dev.shade.bench;

import dev.shade.streams.CryptoWarmup;
import dev.shade.streams.LaneHasher;
import dev.shade.streams.Sha256;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SHA-256 cost per MiB: one lane-digest pass ({@code laneHash}), and the lane plus overall digests
 * every chunk gets on each side ({@code laneAndOverallHash}, two passes).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar Hashing -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class HashingBenchmark {
  private static final int MIB = 1 << 20;
  private byte[] chunk;
  private LaneHasher lane;
  private MessageDigest overall;

  @Setup
  public void setUp() {
    CryptoWarmup.run();
    chunk = new byte[MIB];
    new Random(1).nextBytes(chunk);
    lane = new LaneHasher(0);
    overall = Sha256.newDigest();
  }

  @Benchmark
  public long laneHash() {
    lane.addChunk(chunk, 0, MIB);
    return lane.bytes();
  }

  @Benchmark
  public void laneAndOverallHash() {
    lane.addChunk(chunk, 0, MIB);
    overall.update(chunk, 0, MIB);
  }
}
