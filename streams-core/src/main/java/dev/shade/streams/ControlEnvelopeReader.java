package dev.shade.streams;

import java.util.Arrays;

/**
 * Reads 0x02 control envelopes, refusing anything that does not follow the format exactly: a bad
 * type byte or cipher type, a truncated header or sender, an oversized or invalid sender address
 * and an empty ciphertext each fail with {@link ShadeFormatException} (400 {@code malformed}); an
 * envelope over {@link ControlEnvelope#MAX_ENVELOPE_BYTES} fails with
 * {@link ControlEnvelopeTooLargeException} (413). Network readers enforce that cap before reading a
 * body; the check here keeps the reader safe on its own.
 */
public final class ControlEnvelopeReader {
  private ControlEnvelopeReader() {}

  public static ControlEnvelope read(byte[] bytes) {
    if (bytes.length > ControlEnvelope.MAX_ENVELOPE_BYTES) {
      throw new ControlEnvelopeTooLargeException(bytes.length);
    }
    if (bytes.length < ControlEnvelope.HEADER_BYTES) {
      throw new ShadeFormatException("envelope", "truncated header");
    }
    if ((bytes[0] & 0xff) != ControlEnvelope.TYPE) {
      throw new ShadeFormatException("type", "not a control envelope (0x02)");
    }
    ControlCipherType cipherType = ControlCipherType.fromWire(bytes[1] & 0xff);
    int senderLen = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
    if (senderLen == 0 || senderLen > PeerAddress.MAX_UTF8_BYTES) {
      throw new ShadeFormatException("senderLen",
          "must be 1.." + PeerAddress.MAX_UTF8_BYTES + ", was " + senderLen);
    }
    int ciphertextOffset = ControlEnvelope.HEADER_BYTES + senderLen;
    if (bytes.length <= ciphertextOffset) {
      throw new ShadeFormatException("envelope", "truncated before the ciphertext");
    }
    PeerAddress sender = PeerAddress.parseUtf8(
        Arrays.copyOfRange(bytes, ControlEnvelope.HEADER_BYTES, ciphertextOffset));
    return new ControlEnvelope(cipherType, sender,
        Arrays.copyOfRange(bytes, ciphertextOffset, bytes.length));
  }
}
