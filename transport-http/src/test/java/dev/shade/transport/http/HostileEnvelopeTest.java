package dev.shade.transport.http;

import dev.shade.transfer.spi.PeerDirectory;

import static dev.shade.transport.http.RawHttp.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.ControlEnvelope;
import dev.shade.streams.ControlEnvelopeReader;
import dev.shade.streams.ControlEnvelopeWriter;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.PeerAddress;
import dev.shade.transfer.control.ControlException;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostileEnvelopeTest {
  private final Vertx vertx = Vertx.vertx();
  private final PeerDirectory endpoints = new PeerDirectory();
  private TestNode alice;
  private TestNode bob;
  private URI control;

  @BeforeEach
  void start() {
    alice = TestNode.start(vertx, endpoints, "alice.1", null);
    bob = TestNode.start(vertx, endpoints, "bob.1", null);
    control = bob.server.baseUri().resolve("/v1/transfer/control");
    assertEquals("alice.1:hello", alice.request(bob.address, "hello"));
  }

  @AfterEach
  void stop() {
    TestNode.await(vertx.close());
  }

  private byte[] sealFromAlice(String text) {
    return alice.plane.channel().seal(bob.address, text.getBytes(StandardCharsets.UTF_8));
  }

  private void assertConversationStillWorks() {
    assertEquals("alice.1:still fine", alice.request(bob.address, "still fine"));
  }

  @Test
  void replayedEnvelopeIsRefusedEveryTime() {
    byte[] captured = sealFromAlice("captured");
    assertEquals(200, RawHttp.post(control, captured).statusCode());
    for (int i = 0; i < 5; i++) {
      assertError(RawHttp.post(control, captured), 422, "decrypt_failed");
    }
    assertConversationStillWorks();
  }

  @Test
  void everyFlippedByteOfAWhisperEnvelopeIsRefused() {
    byte[] envelope = sealFromAlice("flip me");
    for (int i = 0; i < envelope.length; i++) {
      byte[] tampered = envelope.clone();
      tampered[i] ^= (byte) (1 << (i % 8));
      HttpResponse<byte[]> response = RawHttp.post(control, tampered);
      assertTrue(response.statusCode() == 400 || response.statusCode() == 422,
          "byte " + i + " answered " + response.statusCode());
    }
    assertEquals(200, RawHttp.post(control, envelope).statusCode());
    assertConversationStillWorks();
  }

  /**
   * A PreKey envelope is about 1.8 KB (most of it the Kyber ciphertext) and each attempt costs a
   * Kyber decapsulation: every byte of the first 256 is flipped, then every 16th.
   */
  @Test
  void flippedBytesAcrossAPreKeyEnvelopeAreRefused() {
    TestNode carol = TestNode.start(vertx, endpoints, "carol.1", null);
    byte[] first = carol.plane.channel().seal(bob.address, "first".getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < first.length; i += i < 256 ? 1 : 16) {
      byte[] tampered = first.clone();
      tampered[i] ^= (byte) 0x80;
      HttpResponse<byte[]> response = RawHttp.post(control, tampered);
      assertTrue(response.statusCode() == 400 || response.statusCode() == 422,
          "byte " + i + " answered " + response.statusCode());
    }
    assertEquals(200, RawHttp.post(control, first).statusCode());
    assertEquals("carol.1:then", carol.request(bob.address, "then"));
  }

  @Test
  void differentIdentityKeyUnderAKnownAddressIsRefusedEveryTime() {
    Vertx other = Vertx.vertx();
    try {
      PeerDirectory malloryView = new PeerDirectory().remember(bob.address, bob.server.baseUri());
      TestNode impostor = TestNode.start(other, malloryView, "alice.1", null);
      for (int i = 0; i < 3; i++) {
        ControlException e = assertThrows(ControlException.class,
            () -> impostor.request(bob.address, "I am alice"));
        assertEquals(ErrorCode.UNTRUSTED_IDENTITY, e.errorCode());
        byte[] forged = impostor.plane.channel().seal(bob.address,
            "raw".getBytes(StandardCharsets.UTF_8));
        assertError(RawHttp.post(control, forged), 422, "untrusted_identity");
      }
    } finally {
      TestNode.await(other.close());
    }
    assertConversationStillWorks();
  }

  @Test
  void envelopeWhoseSenderDoesNotMatchTheSessionIsRefused() {
    TestNode mallory = TestNode.start(vertx, endpoints, "mallory.1", null);
    assertEquals("mallory.1:hi", mallory.request(bob.address, "hi"));
    ControlEnvelope own = ControlEnvelopeReader.read(
        mallory.plane.channel().seal(bob.address, "as alice".getBytes(StandardCharsets.UTF_8)));
    byte[] relabelled = ControlEnvelopeWriter.write(
        new ControlEnvelope(own.cipherType(), alice.address, own.ciphertext()));
    assertError(RawHttp.post(control, relabelled), 422, "decrypt_failed");
    assertConversationStillWorks();
  }

  @Test
  void malformedEnvelopesAreRefusedWith400() {
    byte[] valid = sealFromAlice("valid");
    byte[] badType = valid.clone();
    badType[0] = 0x11;
    assertError(RawHttp.post(control, badType), 400, "malformed");
    byte[] badCipherType = valid.clone();
    badCipherType[1] = 9;
    assertError(RawHttp.post(control, badCipherType), 400, "malformed");
    assertError(RawHttp.post(control, Arrays.copyOf(valid, 3)), 400, "malformed");
    assertError(RawHttp.post(control, new byte[0]), 400, "malformed");
    byte[] oversizedSender = new byte[4 + 300 + 20];
    oversizedSender[0] = 2;
    oversizedSender[1] = 2;
    oversizedSender[2] = 1;
    oversizedSender[3] = 44;
    assertError(RawHttp.post(control, oversizedSender), 400, "malformed");
    assertEquals(200, RawHttp.post(control, valid).statusCode());
  }

  @Test
  void unknownSenderWithAWhisperMessageHasNoSession() {
    ControlEnvelope own = ControlEnvelopeReader.read(sealFromAlice("x"));
    byte[] stranger = ControlEnvelopeWriter.write(
        new ControlEnvelope(own.cipherType(), PeerAddress.parse("nobody.7"), own.ciphertext()));
    assertError(RawHttp.post(control, stranger), 422, "no_session");
  }

  @Test
  void bodyOverTheCapIsRefusedWith413() {
    byte[] big = new byte[ControlEnvelope.MAX_ENVELOPE_BYTES + 1];
    big[0] = 2;
    assertError(RawHttp.post(control, big), 413, "too_large");
    HttpRequest chunked = HttpRequest.newBuilder(control)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
        .build();
    assertError(RawHttp.send(chunked), 413, "too_large");
    assertConversationStillWorks();
  }

  @Test
  void declaredLengthOverTheCapIsRefusedBeforeTheBodyIsSent() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", bob.server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /v1/transfer/control HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/octet-stream\r\nContent-Length: 10000000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertEquals("HTTP/1.1 413", head);
      in.readAllBytes(); // returns only once the server closed the connection
    }
  }

  @Test
  void unknownRoutesAndWrongMethodsAnswerJsonErrors() {
    URI base = bob.server.baseUri();
    assertError(RawHttp.send(HttpRequest.newBuilder(base.resolve("/v1/transfer/nope")).build()),
        404, "not_found");
    assertError(RawHttp.send(HttpRequest.newBuilder(base.resolve("/elsewhere")).build()),
        404, "not_found");
    assertError(RawHttp.send(HttpRequest.newBuilder(control).build()), 405,
        "method_not_allowed");
    assertError(RawHttp.post(base.resolve("/v1/transfer/keys"), new byte[] {1}), 405,
        "method_not_allowed");
  }

  @Test
  void keysRouteServesTheBundleWithEachOneTimePreKeyOnce() {
    URI keys = bob.server.baseUri().resolve("/v1/transfer/keys");
    HttpResponse<byte[]> first = RawHttp.send(HttpRequest.newBuilder(keys).build());
    HttpResponse<byte[]> second = RawHttp.send(HttpRequest.newBuilder(keys).build());
    assertEquals(200, first.statusCode());
    assertEquals("application/json", first.headers().firstValue("content-type").orElse(""));
    JsonObject a = new JsonObject(new String(first.body(), StandardCharsets.UTF_8));
    JsonObject b = new JsonObject(new String(second.body(), StandardCharsets.UTF_8));
    assertEquals("bob.1", a.getString("address"));
    assertEquals(a.getString("identityKey"), b.getString("identityKey"));
    assertTrue(a.getJsonObject("preKey").getInteger("id")
        != b.getJsonObject("preKey").getInteger("id"));
  }
}
