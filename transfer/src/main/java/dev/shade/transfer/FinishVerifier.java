package dev.shade.transfer;

import dev.shade.streams.LaneSummary;
import dev.shade.streams.LaneWindow;
import dev.shade.streams.StreamFinish;
import dev.shade.streams.StreamMetadata;
import dev.shade.streams.TransferIntegrityError;
import dev.shade.streams.TransferIntegrityError.Check;
import java.util.List;
import java.util.Optional;

/**
 * The receiver's checks of a {@code stream-finish} against what it holds, in DESIGN.md's order:
 * lane list, {@code chunks} and {@code bytes} → lane sha256 → {@code totalBytes} → overall sha256.
 * The first failing check is reported.
 */
final class FinishVerifier {
  private FinishVerifier() {}

  static Optional<TransferIntegrityError> verify(StreamFinish finish, StreamMetadata metadata,
      LaneWindow[] windows, StreamDigests held) {
    List<LaneSummary> claimed = finish.lanes();
    if (claimed.size() != windows.length) {
      return fail(Check.LANE_COUNT, "finish lists " + claimed.size() + " lanes, stream has "
          + windows.length);
    }
    for (int i = 0; i < windows.length; i++) {
      LaneSummary lane = claimed.get(i);
      long chunks = windows[i].lastSeq() + 1;
      long bytes = held.lanes().get(i).bytes();
      if (lane.laneId() != i || lane.chunks() != chunks || lane.bytes() != bytes) {
        return Optional.of(TransferIntegrityError.lane(Check.LANE_COUNT, i, "claimed "
            + lane.chunks() + " chunks / " + lane.bytes() + " bytes, received " + chunks + " / "
            + bytes));
      }
    }
    for (int i = 0; i < windows.length; i++) {
      if (!claimed.get(i).sha256().equals(held.lanes().get(i).sha256())) {
        return Optional.of(TransferIntegrityError.lane(Check.LANE_SHA256, i, "digest differs"));
      }
    }
    Long announced = metadata.totalBytes();
    if ((announced != null && announced != finish.totalBytes())
        || finish.totalBytes() != held.totalBytes()) {
      return fail(Check.TOTAL_BYTES, "announced " + announced + ", finish says "
          + finish.totalBytes() + ", received " + held.totalBytes());
    }
    if (!finish.sha256().equals(held.sha256())) {
      return fail(Check.OVERALL_SHA256, "received data hashes to " + held.sha256());
    }
    return Optional.empty();
  }

  private static Optional<TransferIntegrityError> fail(Check check, String detail) {
    return Optional.of(TransferIntegrityError.stream(check, detail));
  }
}
