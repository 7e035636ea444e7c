package dev.shade.bench;

import dev.shade.streams.CryptoWarmup;
import dev.shade.streams.ChunkOpener;
import dev.shade.streams.ChunkSealer;
import dev.shade.streams.KeySchedule;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamKey;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Seal and open of one chunk (AES-256-GCM plus the 36-byte header). Throughput in ops/s; MB/s is
 * ops/s × chunkSize / 10^6.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ChunkCrypto -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ChunkCryptoBenchmark {
  @Param({"1048576"})
  public int chunkSizeBytes;

  private ChunkSealer sealer;
  private ChunkOpener opener;
  private byte[] plaintext;
  private byte[] envelope;

  @Setup
  public void setUp() {
    CryptoWarmup.run();
    SecureRandom random = new SecureRandom();
    StreamKey key = KeySchedule.deriveStreamKey(KeySchedule.newStreamSecret(random),
        StreamId.random(random));
    sealer = ChunkSealer.create(key.laneKey(0), 0);
    opener = ChunkOpener.create(key, 1, chunkSizeBytes + 16L);
    plaintext = new byte[chunkSizeBytes];
    random.nextBytes(plaintext);
    envelope = ChunkSealer.create(key.laneKey(0), 0).seal(plaintext, false);
  }

  @Benchmark
  public byte[] seal() {
    return sealer.seal(plaintext, false);
  }

  @Benchmark
  public byte[] open() {
    return opener.open(envelope).plaintext();
  }
}
