package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ControlEnvelopeTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void envelopesMatchTheFixedVectors() throws IOException {
    List<String> lines;
    try (InputStream in = getClass().getResourceAsStream("/vectors/control-envelope.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }
    assertFalse(lines.isEmpty());
    for (String line : lines) {
      String[] parts = line.split(" ");
      ControlEnvelope envelope = new ControlEnvelope(
          ControlCipherType.fromWire(Integer.parseInt(parts[0])), PeerAddress.parse(parts[1]),
          HEX.parseHex(parts[2]));
      byte[] expected = HEX.parseHex(parts[4]);
      assertArrayEquals(expected, ControlEnvelopeWriter.write(envelope), line);
      assertEquals(envelope, ControlEnvelopeReader.read(expected), line);
    }
  }

  @Test
  void anyEnvelopeRoundTrips() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      byte[] ciphertext = new byte[1 + random.nextInt(2000)];
      random.nextBytes(ciphertext);
      ControlEnvelope envelope = new ControlEnvelope(
          random.nextBoolean() ? ControlCipherType.WHISPER : ControlCipherType.PREKEY,
          new PeerAddress("n" + random.nextInt(1000), 1 + random.nextInt(127)), ciphertext);
      assertEquals(envelope, ControlEnvelopeReader.read(ControlEnvelopeWriter.write(envelope)));
    }
  }

  @Test
  void wrongTypeByteIsMalformed() {
    byte[] bytes = valid();
    bytes[0] = 0x11;
    assertField("type", bytes);
  }

  @Test
  void unknownCipherTypeIsMalformed() {
    byte[] bytes = valid();
    bytes[1] = 7;
    assertField("cipherType", bytes);
  }

  @Test
  void truncatedHeaderIsMalformed() {
    for (int length = 0; length < ControlEnvelope.HEADER_BYTES; length++) {
      assertField("envelope", java.util.Arrays.copyOf(valid(), length));
    }
  }

  @Test
  void envelopeEndingInsideTheSenderIsMalformed() {
    assertField("envelope", java.util.Arrays.copyOf(valid(), 8));
  }

  @Test
  void envelopeWithoutCiphertextIsMalformed() {
    assertField("envelope", java.util.Arrays.copyOf(valid(), 11));
  }

  @Test
  void oversizedSenderFieldIsMalformed() {
    byte[] bytes = new byte[4 + 70 + 10];
    bytes[0] = 2;
    bytes[1] = 2;
    bytes[3] = 70;
    assertField("senderLen", bytes);
    bytes[2] = (byte) 0xff;
    assertField("senderLen", bytes);
  }

  @Test
  void invalidSenderAddressIsMalformed() {
    byte[] bytes = valid();
    bytes[4] = 'A';
    assertField("address", bytes);
  }

  @Test
  void envelopeOverTheCapIsTooLarge() {
    byte[] bytes = new byte[ControlEnvelope.MAX_ENVELOPE_BYTES + 1];
    ShadeFormatException e =
        assertThrows(ShadeFormatException.class, () -> ControlEnvelopeReader.read(bytes));
    assertEquals(ErrorCode.TOO_LARGE, e.errorCode());
  }

  @Test
  void writerRefusesEnvelopesReadersWouldRefuse() {
    ControlEnvelope huge = new ControlEnvelope(ControlCipherType.WHISPER, PeerAddress.parse("a.1"),
        new byte[ControlEnvelope.MAX_ENVELOPE_BYTES]);
    assertThrows(IllegalArgumentException.class, () -> ControlEnvelopeWriter.write(huge));
  }

  @Test
  void envelopeCopiesItsCiphertext() {
    byte[] ciphertext = {1, 2, 3};
    ControlEnvelope envelope =
        new ControlEnvelope(ControlCipherType.WHISPER, PeerAddress.parse("a.1"), ciphertext);
    ciphertext[0] = 9;
    envelope.ciphertext()[1] = 9;
    assertArrayEquals(new byte[] {1, 2, 3}, envelope.ciphertext());
  }

  private static byte[] valid() {
    return HEX.parseHex("02020007616c6963652e31330aff");
  }

  private static void assertField(String field, byte[] bytes) {
    ShadeFormatException e =
        assertThrows(ShadeFormatException.class, () -> ControlEnvelopeReader.read(bytes));
    assertEquals(field, e.field());
    assertEquals(ErrorCode.MALFORMED, e.errorCode());
  }
}
