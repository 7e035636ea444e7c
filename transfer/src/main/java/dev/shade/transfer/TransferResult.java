package dev.shade.transfer;

import dev.shade.streams.StreamId;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A verified transfer: the overall SHA-256 (lowercase hex, equal to {@code sha256sum} of the
 * bytes), the byte count, the wall time, and the transport that carried the chunks; on the sending
 * side a stream that moved to another transport midway names both in the node's order of
 * preference, e.g. {@code ws+http}. On the receiving side {@link #path()} names the file it landed
 * in (file and inbox outputs) and {@link #content()} is a read-only view of a memory output's
 * verified bytes.
 */
public record TransferResult(StreamId streamId, String sha256, long bytes, long durationMs,
    String transport, Optional<Path> path, Optional<ByteBuffer> content) {

  public TransferResult {
    content = content.map(ByteBuffer::asReadOnlyBuffer);
  }

  static TransferResult sent(StreamId streamId, String sha256, long bytes, long durationMs,
      String transport) {
    return new TransferResult(streamId, sha256, bytes, durationMs, transport, Optional.empty(),
        Optional.empty());
  }
}
