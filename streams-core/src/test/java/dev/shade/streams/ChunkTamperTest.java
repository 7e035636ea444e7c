package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tamper matrix: every modification of a sealed envelope is rejected, and the rejection is one
 * of the declared exceptions.
 */
class ChunkTamperTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private StreamKey streamKey;
  private ChunkOpener opener;
  private byte[] plaintext;
  private byte[] envelope;

  @BeforeEach
  void seal() {
    streamKey = KeySchedule.deriveStreamKey(KeySchedule.newStreamSecret(RANDOM),
        StreamId.random(RANDOM));
    opener = ChunkOpener.create(streamKey, 4, 1 << 20);
    plaintext = new byte[300];
    RANDOM.nextBytes(plaintext);
    ChunkSealer sealer = ChunkSealer.create(streamKey.laneKey(1), 7);
    envelope = sealer.seal(plaintext, false);
  }

  private void assertRejected(byte[] tampered, String what) {
    try {
      opener.open(tampered);
      fail("accepted: " + what);
    } catch (ShadeFormatException | TransferIntegrityError expected) {
      // declared rejections
    }
  }

  @Test
  void untamperedEnvelopeOpens() {
    assertArrayEquals(plaintext, opener.open(envelope).plaintext());
  }

  @Test
  void flippingAnySingleBitIsRejected() {
    for (int bit = 0; bit < envelope.length * 8; bit++) {
      byte[] tampered = envelope.clone();
      tampered[bit / 8] ^= (byte) (1 << (bit % 8));
      assertRejected(tampered, "bit " + bit);
    }
  }

  @Test
  void truncatingAtEveryLengthIsRejected() {
    for (int len = 0; len < envelope.length; len++) {
      assertRejected(Arrays.copyOf(envelope, len), "truncated to " + len);
    }
  }

  @Test
  void appendingBytesIsRejected() {
    for (int extra = 1; extra <= 40; extra++) {
      assertRejected(Arrays.copyOf(envelope, envelope.length + extra), "appended " + extra);
    }
  }

  @Test
  void rewritingLaneSeqOrStreamInTheHeaderIsRejected() {
    byte[] otherLane = envelope.clone();
    Bytes.putU32(otherLane, 20, 2);
    assertRejected(otherLane, "lane swapped");
    byte[] otherSeq = envelope.clone();
    Bytes.putU64(otherSeq, 24, 8);
    assertRejected(otherSeq, "seq swapped");
    byte[] otherStream = envelope.clone();
    StreamId.random(RANDOM).copyTo(otherStream, 4);
    assertRejected(otherStream, "stream swapped");
    byte[] toggledLast = envelope.clone();
    toggledLast[2] ^= 1;
    assertRejected(toggledLast, "isLast toggled");
  }

  @Test
  void splicingAcrossLanesAndStreamsIsRejected() {
    ChunkSealer lane2 = ChunkSealer.create(streamKey.laneKey(2), 7);
    byte[] other = lane2.seal(plaintext, false);
    byte[] spliced = envelope.clone();
    System.arraycopy(other, 36, spliced, 36, other.length - 36);
    assertRejected(spliced, "body of lane 2 under header of lane 1");

    StreamKey otherStream = KeySchedule.deriveStreamKey(KeySchedule.newStreamSecret(RANDOM),
        streamKey.streamId());
    byte[] foreign = ChunkSealer.create(otherStream.laneKey(1), 7).seal(plaintext, false);
    assertRejected(foreign, "same stream id, other secret");
  }

  @Test
  void duplicatedAndReorderedEnvelopesAreEachAuthenticOnlyOnce() {
    ChunkSealer sealer = ChunkSealer.create(streamKey.laneKey(0), 0);
    byte[] first = sealer.seal(new byte[] {1}, false);
    byte[] second = sealer.seal(new byte[] {2}, true);
    assertEquals(0, opener.open(first).header().seq());
    assertEquals(1, opener.open(second).header().seq());
    byte[] concatenated = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, concatenated, first.length, second.length);
    assertRejected(concatenated, "two envelopes in one body");
  }

  @Test
  void aCapBelowTheDeclaredLengthIsRefusedBeforeTheBodyIsRead() {
    ChunkOpener small = ChunkOpener.create(streamKey, 4, 100);
    byte[] headerOnly = Arrays.copyOf(envelope, 36);
    ChunkTooLargeException e = assertThrows(ChunkTooLargeException.class,
        () -> small.parseHeader(headerOnly, 0));
    assertEquals(316, e.declaredBytes());
    assertEquals(ErrorCode.TOO_LARGE, e.errorCode());
  }

  @Test
  void authenticationFailureNamesLaneAndSeq() {
    byte[] tampered = envelope.clone();
    tampered[tampered.length - 1] ^= 1;
    TransferIntegrityError e = assertThrows(TransferIntegrityError.class,
        () -> opener.open(tampered));
    assertEquals(TransferIntegrityError.Check.AUTHENTICATION, e.check());
    assertEquals(1, e.laneId().getAsInt());
    assertEquals(7, e.seq().getAsLong());
    assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.errorCode());
  }
}
