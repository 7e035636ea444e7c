package dev.shade.streams;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The master key of one stream, from which each lane's key is derived. Destroy it when the stream
 * finishes or aborts; lane keys already derived are separate objects and must be destroyed too
 * (their sealers and openers do so on {@code destroy()}).
 */
public final class StreamKey implements Destroyable {
  private final StreamId streamId;
  private final SecretBytes key;

  StreamKey(StreamId streamId, SecretBytes key) {
    this.streamId = streamId;
    this.key = key;
  }

  public StreamId streamId() {
    return streamId;
  }

  /** Derives {@code laneKey[laneId]}. */
  public LaneKey laneKey(int laneId) {
    if (laneId < 0) {
      throw new IllegalArgumentException("laneId must be non-negative: " + laneId);
    }
    byte[] master = key.toByteArray();
    try {
      return new LaneKey(streamId, laneId, KeySchedule.deriveLaneKey(master, streamId, laneId));
    } finally {
      Arrays.fill(master, (byte) 0);
    }
  }

  /** For test vectors: a copy of the 32 key bytes. */
  byte[] keyBytesForTest() {
    return key.toByteArray();
  }

  @Override
  public void destroy() {
    key.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return key.isDestroyed();
  }

  @Override
  public String toString() {
    return "StreamKey[" + streamId + (isDestroyed() ? ", destroyed]" : "]");
  }
}
