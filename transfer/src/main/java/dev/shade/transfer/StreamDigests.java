package dev.shade.transfer;

import java.util.List;

/** What a receiver computed over the data it holds: per lane and overall, as stream-finish reports. */
record StreamDigests(List<LaneDigest> lanes, long totalBytes, String sha256) {
  record LaneDigest(int laneId, long bytes, String sha256) {}

  StreamDigests {
    lanes = List.copyOf(lanes);
  }
}
