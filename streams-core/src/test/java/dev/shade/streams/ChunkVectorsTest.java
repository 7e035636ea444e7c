package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java key schedule and envelope reproduce, byte for byte, the vectors that the independent
 * Python implementation in {@code src/test/resources/vectors/generate_chunk_vectors.py} produced.
 */
class ChunkVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static JsonNode vectors;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = ChunkVectorsTest.class.getResourceAsStream("/vectors/chunk-v1.json")) {
      vectors = new ObjectMapper().readTree(in);
    }
  }

  private static byte[] hex(JsonNode node) {
    return HEX.parseHex(node.asText());
  }

  private static StreamKey streamKey() {
    return KeySchedule.deriveStreamKey(SecretBytes.copyOf(hex(vectors.get("streamSecret"))),
        StreamId.of(hex(vectors.get("streamId"))));
  }

  @Test
  void streamKeyMatchesTheVector() {
    assertArrayEquals(hex(vectors.get("streamKey")), streamKey().keyBytesForTest());
  }

  @Test
  void laneKeysMatchTheVectors() {
    StreamKey key = streamKey();
    assertEquals(4, vectors.get("laneKeys").size());
    for (JsonNode lane : vectors.get("laneKeys")) {
      LaneKey laneKey = key.laneKey(lane.get("laneId").asInt());
      assertArrayEquals(hex(lane.get("laneKey")), laneKey.secret().toByteArray(),
          "lane " + lane.get("laneId"));
    }
  }

  @Test
  void sealingReproducesEveryEnvelope() {
    StreamKey key = streamKey();
    for (JsonNode chunk : vectors.get("chunks")) {
      int laneId = chunk.get("laneId").asInt();
      long seq = chunk.get("seq").asLong();
      ChunkSealer sealer = ChunkSealer.create(key.laneKey(laneId), seq);
      byte[] envelope = sealer.seal(hex(chunk.get("plaintext")), chunk.get("isLast").asBoolean());
      assertArrayEquals(hex(chunk.get("envelope")), envelope, "lane " + laneId + " seq " + seq);
    }
  }

  @Test
  void openingRecoversEveryPlaintext() {
    try (ChunkOpener opener = ChunkOpener.create(streamKey(), 4, 1 << 20)) {
      for (JsonNode chunk : vectors.get("chunks")) {
        OpenedChunk opened = opener.open(hex(chunk.get("envelope")));
        assertArrayEquals(hex(chunk.get("plaintext")), opened.plaintext());
        assertEquals(chunk.get("laneId").asInt(), opened.header().laneId());
        assertEquals(chunk.get("seq").asLong(), opened.header().seq());
        assertEquals(chunk.get("isLast").asBoolean(), opened.header().isLast());
      }
    }
  }

  @Test
  void vectorsCoverTheRequiredCases() {
    boolean empty = false;
    boolean oneByte = false;
    boolean oneKib = false;
    boolean last = false;
    boolean notLast = false;
    boolean bigSeqOnLane3 = false;
    for (JsonNode chunk : vectors.get("chunks")) {
      int n = hex(chunk.get("plaintext")).length;
      empty |= n == 0;
      oneByte |= n == 1;
      oneKib |= n == 1024;
      last |= chunk.get("isLast").asBoolean();
      notLast |= !chunk.get("isLast").asBoolean();
      bigSeqOnLane3 |= chunk.get("laneId").asInt() == 3 && chunk.get("seq").asLong() > (1L << 32);
    }
    assertTrue(empty && oneByte && oneKib && last && notLast && bigSeqOnLane3);
  }

  @Test
  void deviceKeyMatchesTheVector() {
    JsonNode device = vectors.get("deviceKey");
    SecretBytes key = KeySchedule.deriveDeviceKey(
        SecretBytes.copyOf(hex(device.get("identityPrivateKey"))));
    assertArrayEquals(hex(device.get("deviceKey")), key.toByteArray());
  }
}
