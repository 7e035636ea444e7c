package dev.shade.transport.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.StreamId;
import dev.shade.transfer.Input;
import dev.shade.transfer.Output;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import dev.shade.transfer.UploadHandle;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile frames on a receiver's WebSocket route, written by hand: each is answered with an error
 * frame naming the chunk, or the connection is closed with the RFC 6455 code that fits; and after
 * each, the server still serves another peer.
 */
class WsHostileInputTest {
  private static final Vertx vertx = Vertx.vertx();
  private static final SecureRandom random = new SecureRandom();
  private static WsNode alice;
  private static WsNode bob;

  @BeforeAll
  static void start() {
    alice = WsNode.start(vertx, "alice.1", WsNode.Options.defaults().sendingOver("ws"));
    bob = WsNode.start(vertx, "bob.1", WsNode.Options.defaults());
  }

  @AfterAll
  static void stop() {
    alice.close();
    bob.close();
    WsNode.await(vertx.close());
  }

  @AfterEach
  void theServerStillServesAnotherPeer() throws Exception {
    CompletableFuture<TransferResult> arrived = new CompletableFuture<>();
    bob.shade.onIncomingTransfer(in -> in.accept(Output.memory(1 << 20)).thenAccept(arrived::complete));
    byte[] content = new byte[100_000];
    random.nextBytes(content);
    TransferResult sent = alice.shade.upload(Upload.to(bob.peer()).input(Input.bytes(content))
        .chunkSizeBytes(4096).build()).done().get(30, TimeUnit.SECONDS);
    assertEquals("ws", sent.transport());
    assertEquals(sent.sha256(), arrived.get(10, TimeUnit.SECONDS).sha256());
  }

  private static byte[] envelope(StreamId stream, int lane, long seq, int ctLen, int bodyBytes) {
    byte[] header = new ChunkHeader(stream, lane, seq, false, ctLen).toByteArray();
    byte[] body = new byte[bodyBytes];
    random.nextBytes(body);
    byte[] envelope = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, envelope, header.length, body.length);
    return envelope;
  }

  private static JsonObject errorFrame(RawWebSocket ws) throws IOException {
    RawWebSocket.Frame frame = ws.read();
    assertEquals(RawWebSocket.TEXT, frame.opcode(), "a text reply");
    return new JsonObject(frame.text());
  }

  @Test
  void aFrameOverTheCapIsClosedWith1009BeforeItsPayloadIsSent() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(bob.port())) {
      ws.frameHeadOnly(RawWebSocket.BINARY, 1L << 30);
      assertEquals(1009, ws.awaitClose().closeCode());
    }
  }

  @Test
  void aFrameJustOverSixtyFourKibibytesIsClosedWith1009() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(bob.port())) {
      ws.frame(RawWebSocket.BINARY, true, new byte[WsProtocol.MAX_FRAME_BYTES + 1]);
      assertEquals(1009, ws.awaitClose().closeCode());
    }
  }

  @Test
  void textFromASenderIsClosedWith1003() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(bob.port())) {
      ws.frame(RawWebSocket.TEXT, true, "{\"hello\":1}".getBytes(StandardCharsets.UTF_8));
      assertEquals(1003, ws.awaitClose().closeCode());
    }
  }

  @Test
  void textThatIsNotEvenUtf8IsClosedWith1003Too() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(bob.port())) {
      ws.frame(RawWebSocket.TEXT, true, new byte[] {(byte) 0xc3, (byte) 0x28, (byte) 0xff});
      assertEquals(1003, ws.awaitClose().closeCode());
    }
  }

  @Test
  void envelopesForAnUnknownStreamAreAnsweredAndTheConnectionGoesOn() throws IOException {
    StreamId stream = StreamId.random(random);
    try (RawWebSocket ws = RawWebSocket.connect(bob.port())) {
      for (long seq = 0; seq < 3; seq++) {
        ws.frame(RawWebSocket.BINARY, true, envelope(stream, 2, seq, 1040, 1040));
        JsonObject error = errorFrame(ws);
        assertEquals("unknown_stream", error.getString("error"));
        assertEquals(stream.toBase64Url(), error.getString("streamId"));
        assertEquals(2, error.getInteger("laneId"));
        assertEquals(seq, error.getLong("seq"));
      }
    }
  }

  @Test
  void bytesThatAreNoEnvelopeAreAnsweredMalformed() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(bob.port())) {
      byte[] garbage = new byte[64];
      Arrays.fill(garbage, (byte) 0xff);
      ws.frame(RawWebSocket.BINARY, true, garbage);
      JsonObject error = errorFrame(ws);
      assertEquals("malformed", error.getString("error"));
      assertEquals(0xffffffffL, error.getLong("laneId"), "named as far as the header reads");
      assertNull(error.getLong("seq"), "a seq past 2^53 is not echoed");
      ws.frame(RawWebSocket.BINARY, true, new byte[10]);
      JsonObject shortOne = errorFrame(ws);
      assertEquals("malformed", shortOne.getString("error"));
      assertNull(shortOne.getString("streamId"));
    }
  }

  @Test
  void anEnvelopeOverTheChunkCapIsRefusedBeforeItsBodyThenClosedWith1009() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(bob.port())) {
      byte[] header = envelope(StreamId.random(random), 0, 0, 32 << 20, 0);
      ws.frame(RawWebSocket.BINARY, false, header);
      assertEquals("too_large", errorFrame(ws).getString("error"));
      assertEquals(1009, ws.awaitClose().closeCode());
    }
  }

  @Test
  void envelopesOfAnOpenStreamThatLieAreAnsweredWithTheirCodes() throws Exception {
    PipedOutputStream never = new PipedOutputStream();
    bob.shade.onIncomingTransfer(in -> in.accept(Output.memory(1 << 20)));
    UploadHandle open = alice.shade.upload(Upload.to(bob.peer())
        .input(Input.stream(new PipedInputStream(never))).lanes(1).chunkSizeBytes(1024).build());
    awaitAccepted(open);
    try (RawWebSocket ws = RawWebSocket.connect(bob.port())) {
      byte[] forged = envelope(open.streamId(), 0, 0, 1040, 1040);
      ws.frame(RawWebSocket.BINARY, false, Arrays.copyOfRange(forged, 0, 10));
      ws.frame(RawWebSocket.CONTINUATION, true, Arrays.copyOfRange(forged, 10, forged.length));
      assertEquals("authentication_failed", errorFrame(ws).getString("error"));

      ws.frame(RawWebSocket.BINARY, true, Arrays.copyOf(forged, 500));
      JsonObject truncated = errorFrame(ws);
      assertEquals("malformed", truncated.getString("error"));
      assertTrue(truncated.getString("message").contains("truncated"));

      byte[] longer = Arrays.copyOf(forged, forged.length + 1);
      ws.frame(RawWebSocket.BINARY, true, longer);
      assertEquals("malformed", errorFrame(ws).getString("error"));
      assertEquals(1008, ws.awaitClose().closeCode());
    } finally {
      open.abort("test over");
      never.close();
    }
  }

  @Test
  void theRouteAnswersPlainHttpWithJsonErrors() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI uri = URI.create(bob.server.baseUri() + "/ws");
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(400, get.statusCode());
    assertEquals("malformed", new JsonObject(get.body()).getString("error"));
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri)
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(405, post.statusCode());
    assertEquals("method_not_allowed", new JsonObject(post.body()).getString("error"));
  }

  private static void awaitAccepted(UploadHandle upload) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try {
        if (bob.shade.chunkReceiver().state(upload.streamId().toBase64Url()) != null) {
          return;
        }
      } catch (RuntimeException notYet) {
        // the stream-init has not arrived
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the stream was never opened");
  }
}
