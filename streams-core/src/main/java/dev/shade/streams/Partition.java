package dev.shade.streams;

/**
 * How a stream's bytes are spread over lanes (DESIGN.md, "Partitioning").
 *
 * <ul>
 *   <li>{@link #RANGE}: for a known size N, lane {@code i} of {@code L} owns bytes
 *       {@code [floor(i·N/L), floor((i+1)·N/L))}, split into chunks in order.
 *   <li>{@link #ROUND_ROBIN}: for an unknown size, global chunk {@code k} goes to lane
 *       {@code k mod L} as seq {@code k div L}.
 * </ul>
 */
public enum Partition {
  RANGE("range"),
  ROUND_ROBIN("round-robin");

  private final String wireName;

  Partition(String wireName) {
    this.wireName = wireName;
  }

  /** The JSON spelling in {@code stream-init}'s metadata. */
  public String wireName() {
    return wireName;
  }

  /**
   * The partition spelled {@code wireName}.
   *
   * @throws ShadeFormatException for any other spelling
   */
  public static Partition fromWireName(String wireName) {
    for (Partition p : values()) {
      if (p.wireName.equals(wireName)) {
        return p;
      }
    }
    throw new ShadeFormatException("partition", "must be \"range\" or \"round-robin\"");
  }
}
