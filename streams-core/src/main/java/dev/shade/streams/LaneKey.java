package dev.shade.streams;

import javax.security.auth.Destroyable;

/**
 * {@code laneKey[laneId]} of one stream: the AES-256-GCM key of that lane's chunks. Only a
 * {@link ChunkSealer} or {@link ChunkOpener} uses it; neither hands it out.
 */
public final class LaneKey implements Destroyable {
  private final StreamId streamId;
  private final int laneId;
  private final SecretBytes key;

  LaneKey(StreamId streamId, int laneId, SecretBytes key) {
    this.streamId = streamId;
    this.laneId = laneId;
    this.key = key;
  }

  public StreamId streamId() {
    return streamId;
  }

  public int laneId() {
    return laneId;
  }

  SecretBytes secret() {
    return key;
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
    return "LaneKey[" + streamId + ", lane " + laneId + (isDestroyed() ? ", destroyed]" : "]");
  }
}
