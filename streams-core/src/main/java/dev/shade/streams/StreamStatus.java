package dev.shade.streams;

/** A stream's state as {@code stream-resume-state} reports it, with its JSON spelling. */
public enum StreamStatus {
  PENDING("pending"),
  ACCEPTED("accepted"),
  DECLINED("declined"),
  RECEIVING("receiving"),
  COMPLETE("complete"),
  ABORTED("aborted");

  private final String wireName;

  StreamStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** True for the statuses whose {@code resume-state} must carry a {@code reason}. */
  public boolean requiresReason() {
    return this == DECLINED || this == ABORTED;
  }

  /**
   * The status spelled {@code wireName}.
   *
   * @throws ShadeFormatException (field {@code status}) for any other spelling
   */
  public static StreamStatus fromWireName(String wireName) {
    for (StreamStatus s : values()) {
      if (s.wireName.equals(wireName)) {
        return s;
      }
    }
    throw new ShadeFormatException("status",
        "must be one of pending, accepted, declined, receiving, complete, aborted");
  }
}
