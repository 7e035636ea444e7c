package dev.shade.streams;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link ControlCodec#decode}: whatever the bytes, the only exception allowed is {@link
 * ShadeFormatException}, and what decodes must re-encode to the same message.
 *
 * <p>Without {@code JAZZER_FUZZ=1} this runs as a plain JUnit test over the seed corpus in
 * {@code src/test/resources/dev/shade/streams/ControlCodecFuzzTestInputs/decodeNeverThrowsAnythingElse/}.
 * With it ({@code JAZZER_FUZZ=1 mvn -pl streams-core test -Dtest=ControlCodecFuzzTest}) Jazzer
 * fuzzes and stores findings in that directory.
 */
class ControlCodecFuzzTest {

  @FuzzTest(maxDuration = "60s")
  void decodeNeverThrowsAnythingElse(byte[] json) {
    ControlMessage decoded;
    try {
      decoded = ControlCodec.decode(json);
    } catch (ShadeFormatException expected) {
      return;
    }
    ControlMessage again = ControlCodec.decode(ControlCodec.encode(decoded));
    if (!ControlMessages.sameMessage(decoded, again)) {
      throw new AssertionError("re-encoding changed " + decoded + " into " + again);
    }
  }
}
