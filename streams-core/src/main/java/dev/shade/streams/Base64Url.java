package dev.shade.streams;

import java.util.Base64;

/** Strict unpadded base64url, as every id and secret in Shade's JSON is written. */
public final class Base64Url {
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private Base64Url() {}

  public static String encode(byte[] bytes) {
    return ENCODER.encodeToString(bytes);
  }

  /**
   * Decodes {@code text}, refusing padding, characters outside the url alphabet, impossible lengths
   * and non-canonical trailing bits, so that every byte string has exactly one accepted spelling.
   *
   * @param field the JSON field or parameter name, named in the error
   * @throws ShadeFormatException when {@code text} is not canonical unpadded base64url
   */
  public static byte[] decode(String text, String field) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_';
      if (!ok) {
        throw new ShadeFormatException(field, "not unpadded base64url");
      }
    }
    if (text.length() % 4 == 1) {
      throw new ShadeFormatException(field, "not unpadded base64url (impossible length)");
    }
    byte[] decoded = DECODER.decode(text);
    if (!encode(decoded).equals(text)) {
      throw new ShadeFormatException(field, "not canonical base64url");
    }
    return decoded;
  }

  /** Decodes and checks the decoded length. */
  public static byte[] decode(String text, String field, int expectedBytes) {
    byte[] decoded = decode(text, field);
    if (decoded.length != expectedBytes) {
      throw new ShadeFormatException(field,
          "must be " + expectedBytes + " bytes, was " + decoded.length);
    }
    return decoded;
  }
}
