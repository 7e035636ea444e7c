package dev.shade.streams;

/**
 * One control-plane envelope (type 0x02): a libsignal ciphertext and the address of its sender.
 *
 * <pre>
 * off  len  field
 * 0    1    type        = 0x02
 * 1    1    cipherType  2 = WHISPER, 3 = PREKEY (libsignal CiphertextMessage types)
 * 2    2    senderLen   u16, 1..{@link PeerAddress#MAX_UTF8_BYTES}
 * 4    n    sender      UTF-8 address of the sender ("alice.1")
 * 4+n  ...  ciphertext  libsignal message bytes, at least one
 * </pre>
 *
 * <p>Read with {@link ControlEnvelopeReader}, written with {@link ControlEnvelopeWriter}. The
 * ciphertext array is copied in and out, so an envelope is immutable.
 */
public record ControlEnvelope(ControlCipherType cipherType, PeerAddress sender, byte[] ciphertext) {
  public static final int TYPE = 0x02;
  public static final int HEADER_BYTES = 4;
  /** DESIGN.md's cap on a control request body; readers refuse larger envelopes unread. */
  public static final int MAX_ENVELOPE_BYTES = 64 * 1024;

  public ControlEnvelope {
    if (cipherType == null || sender == null || ciphertext == null) {
      throw new IllegalArgumentException("cipherType, sender and ciphertext are required");
    }
    if (ciphertext.length == 0) {
      throw new IllegalArgumentException("ciphertext must not be empty");
    }
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ControlEnvelope other && cipherType == other.cipherType
        && sender.equals(other.sender) && java.util.Arrays.equals(ciphertext, other.ciphertext);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * cipherType.hashCode() + sender.hashCode())
        + java.util.Arrays.hashCode(ciphertext);
  }

  @Override
  public String toString() {
    return "ControlEnvelope[" + cipherType + " from " + sender + ", " + ciphertext.length
        + " bytes]";
  }
}
