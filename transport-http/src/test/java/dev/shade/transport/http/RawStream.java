package dev.shade.transport.http;

import dev.shade.streams.ChunkSealer;
import dev.shade.streams.ControlCodec;
import dev.shade.streams.ControlMessage;
import dev.shade.streams.KeySchedule;
import dev.shade.streams.LaneHasher;
import dev.shade.streams.LaneSummary;
import dev.shade.streams.Partition;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.SecretBytes;
import dev.shade.streams.Sha256;
import dev.shade.streams.StreamFinish;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamInit;
import dev.shade.streams.StreamKey;
import dev.shade.streams.StreamMetadata;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A stream offered by hand over a node's control channel, with its chunks sealed by hand, so that
 * tests can post exactly the envelopes they want: {@link #LANES} RANGE lanes of {@link
 * #CHUNKS_PER_LANE} full chunks of {@link #CHUNK_BYTES} each.
 */
final class RawStream {
  static final int CHUNK_BYTES = 1024;
  static final int LANES = 2;
  static final int CHUNKS_PER_LANE = 2;
  private static final SecureRandom RANDOM = new SecureRandom();

  final StreamId id;
  private final StreamKey key;
  private final byte[] data;
  private final ShadeNode from;
  private final PeerAddress to;
  /** What the receiver answered to the {@code stream-init}. */
  final ControlMessage initReply;

  private RawStream(StreamId id, StreamKey key, byte[] data, ShadeNode from, PeerAddress to,
      ControlMessage initReply) {
    this.id = id;
    this.key = key;
    this.data = data;
    this.from = from;
    this.to = to;
    this.initReply = initReply;
  }

  /** Offers a fresh stream from {@code from} to {@code to}; blocks until the receiver answered. */
  static RawStream offer(ShadeNode from, PeerAddress to, long seed,
      Map<String, String> userMetadata) {
    byte[] data = new byte[LANES * CHUNKS_PER_LANE * CHUNK_BYTES];
    new SplittableRandom(seed).nextBytes(data);
    StreamId id = StreamId.random(RANDOM);
    SecretBytes secret = KeySchedule.newStreamSecret(RANDOM);
    StreamKey key = KeySchedule.deriveStreamKey(secret, id);
    StreamMetadata metadata = new StreamMetadata((long) data.length, CHUNK_BYTES,
        System.currentTimeMillis(), Partition.RANGE, LANES, 4, null, userMetadata);
    ControlMessage reply = request(from, to, new StreamInit(id, secret, metadata));
    return new RawStream(id, key, data, from, to, reply);
  }

  /** The envelope of chunk {@code seq} of {@code lane}, exactly as a conforming sender seals it. */
  byte[] chunk(int lane, long seq) {
    try (ChunkSealer sealer = ChunkSealer.create(key.laneKey(lane), seq)) {
      int offset = (int) ((lane * CHUNKS_PER_LANE + seq) * CHUNK_BYTES);
      return sealer.seal(data, offset, CHUNK_BYTES, seq == CHUNKS_PER_LANE - 1);
    }
  }

  /** The {@code stream-finish} a sender sends once every chunk went out. */
  StreamFinish finish() {
    List<LaneSummary> lanes = new ArrayList<>();
    for (int lane = 0; lane < LANES; lane++) {
      LaneHasher hasher = new LaneHasher(lane);
      for (int seq = 0; seq < CHUNKS_PER_LANE; seq++) {
        hasher.addChunk(data, (lane * CHUNKS_PER_LANE + seq) * CHUNK_BYTES, CHUNK_BYTES);
      }
      lanes.add(new LaneSummary(lane, hasher.chunks(), hasher.bytes(), hasher.finishHex()));
    }
    return new StreamFinish(id, data.length, Sha256.hexOf(data), lanes);
  }

  /** The chunks route of this stream on {@code node}. */
  java.net.URI chunksUri(ShadeNode node) {
    return java.net.URI.create(node.server.baseUri() + "/" + id.toBase64Url() + "/chunks");
  }

  /** Sends {@code message} over the control channel and decodes the reply. */
  ControlMessage request(ControlMessage message) {
    return request(from, to, message);
  }

  private static ControlMessage request(ShadeNode from, PeerAddress to, ControlMessage message) {
    return ControlCodec.decode(from.shade.controlPlane().channel()
        .request(to, ControlCodec.encode(message)).orElseThrow());
  }

  /** {@code message} sealed for the receiver, to post by hand. */
  byte[] seal(ControlMessage message) {
    return from.shade.controlPlane().channel().seal(to, ControlCodec.encode(message));
  }
}
