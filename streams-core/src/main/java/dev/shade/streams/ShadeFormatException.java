package dev.shade.streams;

/**
 * Input that does not follow the wire format: a bad header, an ill-typed or missing JSON field, a
 * value outside DESIGN.md's limits. Maps to 400 {@code malformed}. {@link #field()} names the
 * offending field or header part.
 */
public class ShadeFormatException extends ShadeException {
  private final String field;

  public ShadeFormatException(String field, String problem) {
    this(ErrorCode.MALFORMED, field, problem);
  }

  protected ShadeFormatException(ErrorCode errorCode, String field, String problem) {
    super(errorCode, field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
