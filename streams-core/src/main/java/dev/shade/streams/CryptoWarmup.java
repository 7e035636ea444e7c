package dev.shade.streams;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Brings the JDK's AES-GCM and SHA-256 to their compiled, intrinsic speed before the first chunk.
 *
 * <p>Why: on JDK 17 the GCM hot path ({@code CounterMode.crypt}, {@code GHASH.update}) and {@code
 * DigestBase.engineUpdate} run once per 64 KiB slice or per call, and need thousands of calls
 * before C2 compiles them with the AES-CTR, GHASH and SHA intrinsics; until then they run as plain
 * Java, about 50x slower. Worse, code compiled from a narrow profile is deoptimised the first time
 * real traffic takes a branch the profile never saw (an unaligned length, a body over 64 KiB, a
 * ByteBuffer), and with 1 MiB chunks the way back to C2 takes hundreds of MiB. So the warm-up
 * drives the engine's own sealer, opener and hashers through the shapes real traffic has: aligned
 * and unaligned lengths from 1 byte to over 1 MiB, arrays and buffers, encryption and decryption,
 * good and bad tags. It takes about half a second.
 *
 * <p>Runs at most once per JVM, on the calling thread, with throwaway keys. Safe to call from
 * several threads: later callers wait for the first.
 */
public final class CryptoWarmup {
  private static final int[] SMALL_SIZES_BYTES = {0, 1, 15, 16, 63, 64, 100, 1000, 1024, 4096};
  /** Just over the JDK's 64 KiB slice: takes the large-input branches at a small cost. */
  private static final int[] MEDIUM_SIZES_BYTES = {65_536 + 17, 2 * 65_536 + 32};
  private static final int[] LARGE_SIZES_BYTES = {300_001, 1 << 20};
  private static final int ROUNDS = 1_500;
  private static final int MEDIUM_EVERY_ROUNDS = 4;
  private static final int LARGE_ROUNDS = 4;
  private static boolean done;

  private CryptoWarmup() {}

  /** Warms GCM and SHA-256 unless already done; returns the milliseconds this call spent. */
  public static synchronized long run() {
    if (done) {
      return 0;
    }
    long start = System.nanoTime();
    StreamKey key = KeySchedule.deriveStreamKey(SecretBytes.copyOf(new byte[32]),
        StreamId.of(new byte[StreamId.SIZE_BYTES]));
    try (ChunkOpener opener = ChunkOpener.create(key, 2, (2 << 20) + 16L)) {
      ChunkSealer sealer = ChunkSealer.create(key.laneKey(0), 0);
      for (int round = 0; round < ROUNDS; round++) {
        for (int size : SMALL_SIZES_BYTES) {
          exercise(sealer, opener, size, round);
        }
        if (round % MEDIUM_EVERY_ROUNDS == 0) {
          for (int size : MEDIUM_SIZES_BYTES) {
            exercise(sealer, opener, size, round);
          }
        }
      }
      for (int round = 0; round < LARGE_ROUNDS; round++) {
        for (int size : LARGE_SIZES_BYTES) {
          exercise(sealer, opener, size, round);
        }
      }
      sealer.destroy();
    } finally {
      key.destroy();
    }
    done = true;
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void exercise(ChunkSealer sealer, ChunkOpener opener, int size, int round) {
    byte[] plaintext = new byte[size + 3];
    plaintext[0] = (byte) round;
    byte[] envelope = sealer.seal(plaintext, 3, size, false);
    opener.open(envelope);
    // the engine's own shapes: sealing into a reused array, opening in place
    sealer.seal(plaintext, 0, size, false, envelope);
    ChunkHeader header = ChunkHeader.parse(envelope, 0, size + ChunkHeader.TAG_SIZE_BYTES);
    byte[] headerBytes = Arrays.copyOf(envelope, ChunkHeader.SIZE_BYTES);
    byte[] body = Arrays.copyOfRange(envelope, ChunkHeader.SIZE_BYTES, envelope.length + 7);
    opener.openInPlace(header, headerBytes, body, header.ctLenBytes());
    if (round % 50 == 0 && size > 0) {
      byte[] bad = Arrays.copyOf(envelope, envelope.length);
      bad[bad.length - 1] ^= 1;
      try {
        opener.open(bad);
      } catch (TransferIntegrityError expected) {
        // the failure path gets profiled too
      }
    }
    LaneHasher lane = new LaneHasher(0);
    lane.addChunk(plaintext, 3, size);
    lane.addChunk(ByteBuffer.wrap(plaintext, 1, size));
    lane.finishHex();
    MessageDigest overall = Sha256.newDigest();
    Sha256.update(overall, plaintext, round % 3, size);
    overall.digest();
  }
}
