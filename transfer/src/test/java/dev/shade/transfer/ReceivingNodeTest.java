package dev.shade.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.ChunkSealer;
import dev.shade.streams.ControlMessage;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.FinishFailure;
import dev.shade.streams.KeySchedule;
import dev.shade.streams.LaneSummary;
import dev.shade.streams.Partition;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.ResumeQuery;
import dev.shade.streams.ResumeState;
import dev.shade.streams.SecretBytes;
import dev.shade.streams.ShadeException;
import dev.shade.streams.Sha256;
import dev.shade.streams.StreamAccept;
import dev.shade.streams.StreamFinish;
import dev.shade.streams.StreamFinished;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamInit;
import dev.shade.streams.StreamKey;
import dev.shade.streams.StreamMetadata;
import dev.shade.streams.StreamStatus;
import dev.shade.transfer.control.Verification;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.streams.TransferIntegrityError;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The receiving node against hand-made control messages and envelopes. */
class ReceivingNodeTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final PeerAddress ALICE = PeerAddress.parse("alice.1");
  private static final PeerAddress MALLORY = PeerAddress.parse("mallory.1");
  private static final int CHUNK = 1024;
  @TempDir Path dir;
  private EventDispatcher events;
  private ReceivingNode node;
  private StreamId id;
  private byte[] secret;
  private byte[] content;
  private Path target;

  @BeforeEach
  void setUp() {
    events = new EventDispatcher(TransferListener.NONE);
    node = new ReceivingNode(ReceiverSettings.DEFAULT, events, Runnable::run,
        peer -> Verification.UNVERIFIED);
    target = dir.resolve("x.bin");
    node.onIncomingTransfer(in -> in.accept(Output.file(target)));
    id = StreamId.random(RANDOM);
    secret = new byte[32];
    RANDOM.nextBytes(secret);
    content = new byte[3 * CHUNK + 100];
    new Random(1).nextBytes(content);
  }

  @AfterEach
  void tearDown() {
    events.close();
  }

  private StreamInit init() {
    return new StreamInit(id, SecretBytes.copyOf(secret), new StreamMetadata((long) content.length,
        CHUNK, 0, Partition.RANGE, 2, 4, null, null));
  }

  private ControlMessage send(PeerAddress from, ControlMessage m) {
    return node.handle(from, m).orElse(null);
  }

  /** Seals the whole content as the RANGE plan of 2 lanes says: lane 0 = [0, n/2), lane 1 the rest. */
  private List<byte[]> envelopes() {
    StreamKey key = KeySchedule.deriveStreamKey(SecretBytes.copyOf(secret), id);
    List<byte[]> out = new ArrayList<>();
    int half = content.length / 2;
    for (int lane = 0; lane < 2; lane++) {
      ChunkSealer sealer = ChunkSealer.create(key.laneKey(lane), 0);
      int start = lane == 0 ? 0 : half;
      int end = lane == 0 ? half : content.length;
      for (int off = start; off < end; off += CHUNK) {
        int n = Math.min(CHUNK, end - off);
        out.add(sealer.seal(Arrays.copyOfRange(content, off, off + n), off + n == end));
      }
    }
    return out;
  }

  private ChunkAck deliver(byte[] envelope) {
    var admitted = node.admit(id.toBase64Url(), Arrays.copyOf(envelope, 36));
    return node.deliver(admitted, Arrays.copyOfRange(envelope, 36, envelope.length));
  }

  private StreamFinish finish(String overall, String lane1Sha) {
    int half = content.length / 2;
    return new StreamFinish(id, content.length, overall, List.of(
        new LaneSummary(0, 2, half, Sha256.hexOf(Arrays.copyOfRange(content, 0, half))),
        new LaneSummary(1, 2, content.length - half, lane1Sha)));
  }

  private String lane1Sha() {
    return Sha256.hexOf(Arrays.copyOfRange(content, content.length / 2, content.length));
  }

  @Test
  void correctStreamIsPublishedAndRepeatedFinishAnswersOkAgain() throws Exception {
    assertInstanceOf(StreamAccept.class, send(ALICE, init()));
    envelopes().forEach(this::deliver);
    StreamFinish finish = finish(Sha256.hexOf(content), lane1Sha());
    assertTrue(((StreamFinished) send(ALICE, finish)).ok());
    assertTrue(((StreamFinished) send(ALICE, finish)).ok());
    assertEquals(Sha256.hexOf(content), Sha256.hexOf(Files.readAllBytes(target)));
  }

  @Test
  void wrongOverallHashFailsTheStreamAndSurfacesNothing() {
    send(ALICE, init());
    envelopes().forEach(this::deliver);
    StreamFinished reply = (StreamFinished) send(ALICE, finish(Sha256.emptyHex(), lane1Sha()));
    assertFalse(reply.ok());
    assertEquals(FinishFailure.OVERALL_SHA256_MISMATCH, reply.failure());
    assertFalse(Files.exists(target));
    ShadeException again = assertThrows(ShadeException.class,
        () -> send(ALICE, finish(Sha256.hexOf(content), lane1Sha())));
    assertEquals(ErrorCode.WRONG_STATE, again.errorCode());
  }

  @Test
  void laneHashIsCheckedBeforeTheOverallHash() {
    send(ALICE, init());
    envelopes().forEach(this::deliver);
    StreamFinished reply = (StreamFinished) send(ALICE, finish(Sha256.emptyHex(), Sha256.emptyHex()));
    assertEquals(FinishFailure.LANE_SHA256_MISMATCH, reply.failure());
  }

  @Test
  void finishWithAGapIsIncompleteAndTheStreamStaysOpen() {
    send(ALICE, init());
    List<byte[]> all = envelopes();
    for (int i = 0; i < all.size() - 1; i++) {
      deliver(all.get(i));
    }
    ShadeException e = assertThrows(ShadeException.class,
        () -> send(ALICE, finish(Sha256.hexOf(content), lane1Sha())));
    assertEquals(ErrorCode.INCOMPLETE, e.errorCode());
    deliver(all.get(all.size() - 1));
    assertTrue(((StreamFinished) send(ALICE, finish(Sha256.hexOf(content), lane1Sha()))).ok());
  }

  @Test
  void replayedChunkIsAcknowledgedAsDuplicateAndNotWrittenTwice() {
    send(ALICE, init());
    byte[] first = envelopes().get(0);
    assertFalse(deliver(first).duplicate());
    assertTrue(deliver(first).duplicate());
    ResumeState state = (ResumeState) send(ALICE, new ResumeQuery(id));
    assertEquals(StreamStatus.RECEIVING, state.status());
    assertEquals(0, state.lanes().get(0).lastSeqAcked());
    assertEquals(-1, state.lanes().get(1).lastSeqAcked());
  }

  /** Delivers through the stream's lent body buffer, as the routes do; returns that buffer. */
  private byte[] deliverThroughLentBuffer(byte[] envelope) {
    var admitted = node.admit(id.toBase64Url(), Arrays.copyOf(envelope, 36));
    byte[] buffer = admitted.bodyBuffer();
    System.arraycopy(envelope, 36, buffer, 0, admitted.bodyBytes());
    node.deliver(admitted, buffer, admitted.bodyBytes());
    return buffer;
  }

  @Test
  void bodyBuffersAreLentAndReusedAcrossChunks() throws Exception {
    send(ALICE, init());
    List<byte[]> all = envelopes();
    byte[] first = deliverThroughLentBuffer(all.get(0));
    for (byte[] envelope : all.subList(1, all.size())) {
      assertSame(first, deliverThroughLentBuffer(envelope), "the pool lends the same array again");
    }
    assertTrue(((StreamFinished) send(ALICE, finish(Sha256.hexOf(content), lane1Sha()))).ok());
    assertEquals(Sha256.hexOf(content), Sha256.hexOf(Files.readAllBytes(target)));
  }

  @Test
  void aTamperedChunkInALentBufferIsRejectedAndTheBufferServesTheNextChunk() throws Exception {
    send(ALICE, init());
    List<byte[]> all = envelopes();
    byte[] tampered = all.get(0).clone();
    tampered[40] ^= 1;
    assertThrows(TransferIntegrityError.class, () -> deliverThroughLentBuffer(tampered));
    all.forEach(this::deliverThroughLentBuffer);
    assertTrue(((StreamFinished) send(ALICE, finish(Sha256.hexOf(content), lane1Sha()))).ok());
    assertEquals(Sha256.hexOf(content), Sha256.hexOf(Files.readAllBytes(target)));
  }

  @Test
  void anInOrderOutputKeepsEarlyChunksIntactWhileTheirBufferIsReused() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    node.onIncomingTransfer(in -> in.accept(Output.stream(out)));
    send(ALICE, init());
    List<byte[]> all = new ArrayList<>(envelopes());
    Collections.reverse(all); // every chunk but the first waits in the reorder buffer
    all.forEach(this::deliverThroughLentBuffer);
    assertTrue(((StreamFinished) send(ALICE, finish(Sha256.hexOf(content), lane1Sha()))).ok());
    assertArrayEquals(content, out.toByteArray());
  }

  @Test
  void repeatedInitIsIdempotentButADifferentSecretIsWrongState() {
    assertInstanceOf(StreamAccept.class, send(ALICE, init()));
    assertInstanceOf(StreamAccept.class, send(ALICE, init()));
    secret[0] ^= 1;
    ShadeException e = assertThrows(ShadeException.class, () -> send(ALICE, init()));
    assertEquals(ErrorCode.WRONG_STATE, e.errorCode());
  }

  @Test
  void onlyTheSenderMayQueryFinishOrAbort() {
    send(ALICE, init());
    ShadeException e = assertThrows(ShadeException.class,
        () -> send(MALLORY, new ResumeQuery(id)));
    assertEquals(ErrorCode.UNKNOWN_STREAM, e.errorCode());
    assertThrows(ShadeException.class,
        () -> send(MALLORY, new dev.shade.streams.StreamAbort(id, "x")));
    assertEquals(StreamStatus.ACCEPTED, ((ResumeState) send(ALICE, new ResumeQuery(id))).status());
  }

  @Test
  void kindsSentInTheWrongDirectionAreIgnored() {
    send(ALICE, init());
    assertEquals(null, send(ALICE, new StreamAccept(id)));
    assertEquals(null, send(ALICE, new dev.shade.streams.UnknownControlMessage("shade.future/v9")));
  }

  @Test
  void chunkChecksRunInDesignOrder() {
    byte[] envelope = envelopes().get(0);
    byte[] header = Arrays.copyOf(envelope, 36);
    assertEquals(ErrorCode.UNKNOWN_STREAM, codeOf(() -> node.admit(id.toBase64Url(), header)));
    send(ALICE, init());
    assertEquals(ErrorCode.MALFORMED,
        codeOf(() -> node.admit(StreamId.random(RANDOM).toBase64Url(), header)));
    assertEquals(ErrorCode.MALFORMED, codeOf(() -> node.admit("not-an-id", header)));
    byte[] huge = header.clone();
    huge[32] = 0x7f;
    assertEquals(ErrorCode.TOO_LARGE, codeOf(() -> node.admit(id.toBase64Url(), huge)));
    byte[] overStreamChunk = new ChunkHeader(id, 0, 0, false, CHUNK + 17).toByteArray();
    assertEquals(ErrorCode.TOO_LARGE, codeOf(() -> node.admit(id.toBase64Url(), overStreamChunk)));
    byte[] badLane = new ChunkHeader(id, 2, 0, false, 100).toByteArray();
    assertEquals(ErrorCode.MALFORMED, codeOf(() -> node.admit(id.toBase64Url(), badLane)));
    byte[] tampered = envelope.clone();
    tampered[100] ^= 1;
    assertEquals(ErrorCode.AUTHENTICATION_FAILED, codeOf(() -> deliver(tampered)));
  }

  @Test
  void aStreamSmallerThanAChunkLendsSmallBuffersAndStillReadsAnOversizedBodyBeforeRefusingIt()
      throws Exception {
    content = new byte[100];
    new Random(2).nextBytes(content);
    send(ALICE, init());
    byte[] oversized = new byte[36 + CHUNK + 16];
    System.arraycopy(new ChunkHeader(id, 0, 0, true, CHUNK + 16).toByteArray(), 0, oversized, 0,
        36);
    var admitted = node.admit(id.toBase64Url(), Arrays.copyOf(oversized, 36));
    byte[] room = admitted.bodyBuffer();
    assertTrue(room.length >= CHUNK + 16, "room for the whole declared body: " + room.length);
    assertEquals(ErrorCode.AUTHENTICATION_FAILED,
        codeOf(() -> node.deliver(admitted, room, CHUNK + 16)));

    for (byte[] envelope : envelopes()) {
      assertEquals(content.length + 16, deliverThroughLentBuffer(envelope).length,
          "a 100-byte stream needs no chunk-sized buffer");
    }
    int half = content.length / 2; // one chunk per lane
    StreamFinished finished = (StreamFinished) send(ALICE, new StreamFinish(id, content.length,
        Sha256.hexOf(content), List.of(
            new LaneSummary(0, 1, half, Sha256.hexOf(Arrays.copyOfRange(content, 0, half))),
            new LaneSummary(1, 1, content.length - half, lane1Sha()))));
    assertTrue(finished.ok(), finished::toString);
    assertEquals(Sha256.hexOf(content), Sha256.hexOf(Files.readAllBytes(target)));
  }

  @Test
  void declinedAndPendingStreamsRefuseChunks() {
    ReceivingNode slow = new ReceivingNode(ReceiverSettings.DEFAULT.withDecisionWait(
        java.time.Duration.ZERO), events, Runnable::run, peer -> Verification.UNVERIFIED);
    slow.onIncomingTransfer(in -> { });
    ResumeState pending = (ResumeState) slow.handle(ALICE, init()).orElseThrow();
    assertEquals(StreamStatus.PENDING, pending.status());
    byte[] envelope = envelopes().get(0);
    assertEquals(ErrorCode.WRONG_STATE, codeOf(() -> slow.admit(id.toBase64Url(),
        Arrays.copyOf(envelope, 36))));
  }

  private static ErrorCode codeOf(Runnable action) {
    return assertThrows(ShadeException.class, action::run).errorCode();
  }
}
