package dev.shade.transfer;

import dev.shade.streams.Sha256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds stream bytes, in stream order, to the overall digest and to the digest of the lane that
 * owns each byte. In stream order each lane's bytes come in seq order, so one pass yields both.
 * Not thread-safe.
 */
final class SinkDigester {
  /** Which digests a pass computes: a file can be read twice in parallel, one pass each. */
  enum Scope {
    LANES_AND_OVERALL,
    LANES,
    OVERALL
  }

  private final StreamGeometry geometry;
  private final Scope scope;
  private final MessageDigest overall = Sha256.newDigest();
  private final MessageDigest[] laneDigests;
  private final long[] laneBytes;
  private long offset;

  SinkDigester(StreamGeometry geometry) {
    this(geometry, Scope.LANES_AND_OVERALL);
  }

  SinkDigester(StreamGeometry geometry, Scope scope) {
    this.geometry = geometry;
    this.scope = scope;
    this.laneDigests = new MessageDigest[geometry.lanes()];
    this.laneBytes = new long[geometry.lanes()];
    for (int i = 0; i < laneDigests.length; i++) {
      laneDigests[i] = Sha256.newDigest();
    }
  }

  /** The next {@code len} bytes of the stream. */
  void update(byte[] bytes, int off, int len) {
    if (scope != Scope.LANES) {
      Sha256.update(overall, bytes, off, len);
    }
    if (scope == Scope.OVERALL) {
      offset += len;
      return;
    }
    int at = off;
    int left = len;
    while (left > 0) {
      int lane = geometry.laneAt(offset);
      int run = (int) geometry.runInLane(offset, left);
      Sha256.update(laneDigests[lane], bytes, at, run);
      laneBytes[lane] += run;
      at += run;
      left -= run;
      offset += run;
    }
  }

  StreamDigests finish() {
    List<StreamDigests.LaneDigest> lanes = new ArrayList<>();
    for (int i = 0; i < laneDigests.length; i++) {
      lanes.add(new StreamDigests.LaneDigest(i, laneBytes[i], Sha256.hex(laneDigests[i].digest())));
    }
    return new StreamDigests(lanes, offset, Sha256.hex(overall.digest()));
  }
}
