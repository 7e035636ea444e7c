package dev.shade.streams;

/**
 * The {@code cipherType} byte of a control envelope: libsignal's {@code CiphertextMessage} type
 * numbers, fixed here so that the wire format does not depend on the library.
 */
public enum ControlCipherType {
  /** A message inside an established session ({@code CiphertextMessage.WHISPER_TYPE}). */
  WHISPER(2),
  /** The first messages of a session, carrying the prekey exchange ({@code PREKEY_TYPE}). */
  PREKEY(3);

  private final int wireValue;

  ControlCipherType(int wireValue) {
    this.wireValue = wireValue;
  }

  public int wireValue() {
    return wireValue;
  }

  /** @throws ShadeFormatException for any value other than 2 or 3 */
  public static ControlCipherType fromWire(int value) {
    for (ControlCipherType type : values()) {
      if (type.wireValue == value) {
        return type;
      }
    }
    throw new ShadeFormatException("cipherType", "unknown cipher type " + value);
  }
}
