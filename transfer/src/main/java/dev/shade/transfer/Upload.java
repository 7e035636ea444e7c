package dev.shade.transfer;

import dev.shade.streams.ControlLimits;
import dev.shade.streams.FileMetadata;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One upload's parameters, validated once: peer, input, and the stream's shape (defaults: 4 lanes,
 * 1 MiB chunks, 4 chunks in flight per lane), how long to wait for the receiver's decision
 * (default 10 minutes: a person may be choosing), and optional file and user metadata.
 *
 * <pre>{@code
 * Upload up = Upload.to(peer).input(Input.file(Path.of("big.iso"))).lanes(4).build();
 * }</pre>
 */
public record Upload(Peer peer, Input input, int lanes, int chunkSizeBytes, int window,
    Duration acceptTimeout, FileMetadata fileMetadata, Map<String, String> userMetadata) {
  public static final int DEFAULT_LANES = 4;
  public static final int DEFAULT_CHUNK_SIZE_BYTES = 1 << 20;
  public static final int DEFAULT_WINDOW = 4;
  public static final Duration DEFAULT_ACCEPT_TIMEOUT = Duration.ofMinutes(10);

  public Upload {
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(acceptTimeout, "acceptTimeout");
    if (lanes < ControlLimits.MIN_LANES || lanes > ControlLimits.MAX_LANES) {
      throw new IllegalArgumentException("lanes must be 1..64: " + lanes);
    }
    if (chunkSizeBytes < ControlLimits.MIN_CHUNK_SIZE_BYTES
        || chunkSizeBytes > ControlLimits.MAX_CHUNK_SIZE_BYTES) {
      throw new IllegalArgumentException("chunkSizeBytes must be 1 KiB..16 MiB: " + chunkSizeBytes);
    }
    if (window < ControlLimits.MIN_WINDOW || window > ControlLimits.MAX_WINDOW) {
      throw new IllegalArgumentException("window must be 1..64: " + window);
    }
    if (acceptTimeout.isNegative() || acceptTimeout.isZero()) {
      throw new IllegalArgumentException("acceptTimeout must be positive");
    }
    userMetadata = userMetadata == null ? null : Map.copyOf(userMetadata);
  }

  public static Builder to(Peer peer) {
    return new Builder(peer);
  }

  /** Builder with DESIGN.md's defaults. */
  public static final class Builder {
    private final Peer peer;
    private Input input;
    private int lanes = DEFAULT_LANES;
    private int chunkSizeBytes = DEFAULT_CHUNK_SIZE_BYTES;
    private int window = DEFAULT_WINDOW;
    private Duration acceptTimeout = DEFAULT_ACCEPT_TIMEOUT;
    private FileMetadata fileMetadata;
    private Map<String, String> userMetadata;

    private Builder(Peer peer) {
      this.peer = peer;
    }

    public Builder input(Input input) {
      this.input = input;
      return this;
    }

    public Builder input(java.nio.file.Path path) {
      return input(Input.file(path));
    }

    public Builder lanes(int lanes) {
      this.lanes = lanes;
      return this;
    }

    public Builder chunkSizeBytes(int chunkSizeBytes) {
      this.chunkSizeBytes = chunkSizeBytes;
      return this;
    }

    public Builder window(int window) {
      this.window = window;
      return this;
    }

    public Builder acceptTimeout(Duration acceptTimeout) {
      this.acceptTimeout = acceptTimeout;
      return this;
    }

    public Builder fileMetadata(FileMetadata fileMetadata) {
      this.fileMetadata = fileMetadata;
      return this;
    }

    public Builder userMetadata(Map<String, String> userMetadata) {
      this.userMetadata = userMetadata;
      return this;
    }

    public Upload build() {
      return new Upload(peer, input, lanes, chunkSizeBytes, window, acceptTimeout, fileMetadata,
          userMetadata);
    }
  }
}
