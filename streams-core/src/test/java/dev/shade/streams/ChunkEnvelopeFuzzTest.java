package dev.shade.streams;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HexFormat;

/**
 * Coverage-guided fuzzing of the envelope reader. In a normal build the committed corpus under
 * {@code src/test/resources/dev/shade/streams/ChunkEnvelopeFuzzTestInputs/} runs as a regression
 * test; {@code JAZZER_FUZZ=1 mvn -pl streams-core test -Dtest=ChunkEnvelopeFuzzTest} fuzzes.
 *
 * <p>The key is the one of {@code vectors/chunk-v1.json}, so the seeds include authentic envelopes
 * and the fuzzer reaches the decrypting path.
 */
class ChunkEnvelopeFuzzTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final StreamKey KEY = KeySchedule.deriveStreamKey(
      SecretBytes.copyOf(HEX.parseHex(
          "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f")),
      StreamId.of(HEX.parseHex("a0a1a2a3a4a5a6a7a8a9aaabacadaeaf")));
  private static final ChunkOpener OPENER = ChunkOpener.create(KEY, 4, 1 << 16);

  @FuzzTest(maxDuration = "10s")
  void openingAnyBytesThrowsOnlyDeclaredExceptions(byte[] input) {
    try {
      OpenedChunk chunk = OPENER.open(input);
      if (chunk.plaintext().length != chunk.header().plaintextLengthBytes()) {
        throw new AssertionError("plaintext length disagrees with the header");
      }
    } catch (ShadeFormatException | TransferIntegrityError expected) {
      // the declared rejections
    }
  }
}
