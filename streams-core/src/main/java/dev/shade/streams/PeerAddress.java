package dev.shade.streams;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A node's address on the control plane: {@code name.deviceId}, e.g. {@code alice.1}.
 *
 * <p>DESIGN.md fixes the syntax: the text is split at its last {@code .}; {@code name} matches
 * {@code [a-z0-9][a-z0-9_-]{0,63}} and {@code deviceId} is 1..127 written in plain decimal (no sign,
 * no leading zeros), so every address has exactly one spelling and its UTF-8 form is at most
 * {@link #MAX_UTF8_BYTES} bytes.
 */
public record PeerAddress(String name, int deviceId) {
  public static final int MAX_NAME_CHARS = 64;
  public static final int MAX_DEVICE_ID = 127;
  /** 64 name characters, the dot and three digits. */
  public static final int MAX_UTF8_BYTES = MAX_NAME_CHARS + 1 + 3;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern DEVICE_ID = Pattern.compile("[1-9][0-9]{0,2}");

  public PeerAddress {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ShadeFormatException("address", "name must match [a-z0-9][a-z0-9_-]{0,63}");
    }
    if (deviceId < 1 || deviceId > MAX_DEVICE_ID) {
      throw new ShadeFormatException("address", "deviceId must be 1..127, was " + deviceId);
    }
  }

  /**
   * Parses {@code name.deviceId}.
   *
   * @throws ShadeFormatException when {@code text} is not a valid address
   */
  public static PeerAddress parse(String text) {
    int dot = text.lastIndexOf('.');
    if (dot < 0) {
      throw new ShadeFormatException("address", "must be name.deviceId");
    }
    String device = text.substring(dot + 1);
    if (!DEVICE_ID.matcher(device).matches()) {
      throw new ShadeFormatException("address", "deviceId must be 1..127 in plain decimal");
    }
    return new PeerAddress(text.substring(0, dot), Integer.parseInt(device));
  }

  /** Parses the UTF-8 bytes of an address, as the control envelope carries it. */
  public static PeerAddress parseUtf8(byte[] utf8) {
    if (utf8.length > MAX_UTF8_BYTES) {
      throw new ShadeFormatException("address", "longer than " + MAX_UTF8_BYTES + " bytes");
    }
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  public byte[] toUtf8() {
    return toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return name + "." + deviceId;
  }
}
