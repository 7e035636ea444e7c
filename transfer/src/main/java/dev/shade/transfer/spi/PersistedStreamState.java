package dev.shade.transfer.spi;

import dev.shade.streams.ControlCodec;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a node keeps about one stream so that it can continue after a restart, in either direction.
 *
 * <ul>
 *   <li>{@code streamId}, {@code direction} (the key: a node may send and receive the same stream
 *       when it talks to itself), {@code peer} (the receiver when sending, the sender when
 *       receiving) and {@code status}.
 *   <li>{@code metadata}: the stream's plan as {@code stream-init} carried it (size, lanes, chunk
 *       size, window, partition, file and user metadata). Stores keep it as {@link
 *       #metadataJson()}.
 *   <li>{@code lanes}: one {@link LaneCheckpoint} per lane, in lane order.
 *   <li>{@code sealedSecret}: the stream secret sealed with AES-256-GCM under the device key (see
 *       {@code StreamSecretSealer}); never the raw secret.
 *   <li>{@code location}: the sender's input file, or the receiver's partial file; {@code target}:
 *       where a receiver publishes the verified file. Either may be null (streams, memory).
 *   <li>{@code updatedAt}: when the state last changed, at millisecond precision; retention prunes
 *       by it.
 * </ul>
 *
 * Immutable; arrays are copied in and out.
 */
public record PersistedStreamState(StreamId streamId, Direction direction, PeerAddress peer,
    Status status, StreamMetadata metadata, List<LaneCheckpoint> lanes, byte[] sealedSecret,
    String location, String target, Instant updatedAt) {

  /** Which side of the stream this node is. */
  public enum Direction {
    SEND,
    RECEIVE;

    /** {@code "send"} or {@code "receive"}, as stores write it. */
    public String storageName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Direction fromStorageName(String name) {
      for (Direction d : values()) {
        if (d.storageName().equals(name)) {
          return d;
        }
      }
      throw new IllegalArgumentException("unknown direction: " + name);
    }
  }

  /**
   * {@code PENDING}: offered, not yet accepted (sender only); {@code ACTIVE}: accepted, chunks
   * flowing; {@code COMPLETE}: verified (a receiver keeps it until pruned, so that a sender that
   * crashed before it saw the verdict hears it again).
   */
  public enum Status {
    PENDING,
    ACTIVE,
    COMPLETE;

    public String storageName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status fromStorageName(String name) {
      for (Status s : values()) {
        if (s.storageName().equals(name)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown status: " + name);
    }
  }

  public PersistedStreamState {
    Objects.requireNonNull(streamId, "streamId");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(sealedSecret, "sealedSecret");
    Objects.requireNonNull(updatedAt, "updatedAt");
    lanes = List.copyOf(lanes);
    if (lanes.size() != metadata.lanes()) {
      throw new IllegalArgumentException("expected " + metadata.lanes() + " lane checkpoints, got "
          + lanes.size());
    }
    for (int i = 0; i < lanes.size(); i++) {
      if (lanes.get(i).laneId() != i) {
        throw new IllegalArgumentException("lane checkpoints out of order at " + i);
      }
    }
    sealedSecret = sealedSecret.clone();
    updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public byte[] sealedSecret() {
    return sealedSecret.clone();
  }

  /** The metadata as the JSON object {@code stream-init} carries. */
  public String metadataJson() {
    return ControlCodec.encodeMetadata(metadata);
  }

  /**
   * @throws dev.shade.streams.ShadeFormatException when {@code json} is not valid metadata
   */
  public static StreamMetadata metadataFromJson(String json) {
    return ControlCodec.decodeMetadata(json);
  }

  public PersistedStreamState withLanes(List<LaneCheckpoint> newLanes, Instant at) {
    return new PersistedStreamState(streamId, direction, peer, status, metadata, newLanes,
        sealedSecret, location, target, at);
  }

  public PersistedStreamState withStatus(Status newStatus, Instant at) {
    return new PersistedStreamState(streamId, direction, peer, newStatus, metadata, lanes,
        sealedSecret, location, target, at);
  }

  public PersistedStreamState withLocation(String newLocation, String newTarget, Instant at) {
    return new PersistedStreamState(streamId, direction, peer, status, metadata, lanes,
        sealedSecret, newLocation, newTarget, at);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PersistedStreamState)) {
      return false;
    }
    PersistedStreamState s = (PersistedStreamState) o;
    return streamId.equals(s.streamId) && direction == s.direction && peer.equals(s.peer)
        && status == s.status && metadata.equals(s.metadata) && lanes.equals(s.lanes)
        && Arrays.equals(sealedSecret, s.sealedSecret) && Objects.equals(location, s.location)
        && Objects.equals(target, s.target) && updatedAt.equals(s.updatedAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(streamId, direction, status, updatedAt);
  }

  @Override
  public String toString() {
    return "PersistedStreamState[" + streamId + " " + direction.storageName() + " "
        + status.storageName() + " peer " + peer + ", " + lanes + ", updatedAt " + updatedAt + "]";
  }
}
