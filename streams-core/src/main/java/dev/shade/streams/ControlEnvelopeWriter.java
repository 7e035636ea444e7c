package dev.shade.streams;

/** Writes {@link ControlEnvelope}s in the 0x02 wire format. */
public final class ControlEnvelopeWriter {
  private ControlEnvelopeWriter() {}

  /**
   * The envelope's bytes.
   *
   * @throws IllegalArgumentException when the result would exceed
   *     {@link ControlEnvelope#MAX_ENVELOPE_BYTES}, which no reader accepts
   */
  public static byte[] write(ControlEnvelope envelope) {
    byte[] sender = envelope.sender().toUtf8();
    byte[] ciphertext = envelope.ciphertext();
    int total = ControlEnvelope.HEADER_BYTES + sender.length + ciphertext.length;
    if (total > ControlEnvelope.MAX_ENVELOPE_BYTES) {
      throw new IllegalArgumentException("control envelope of " + total + " bytes exceeds "
          + ControlEnvelope.MAX_ENVELOPE_BYTES);
    }
    byte[] out = new byte[total];
    out[0] = (byte) ControlEnvelope.TYPE;
    out[1] = (byte) envelope.cipherType().wireValue();
    out[2] = (byte) (sender.length >>> 8);
    out[3] = (byte) sender.length;
    System.arraycopy(sender, 0, out, ControlEnvelope.HEADER_BYTES, sender.length);
    System.arraycopy(ciphertext, 0, out, ControlEnvelope.HEADER_BYTES + sender.length,
        ciphertext.length);
    return out;
  }
}
