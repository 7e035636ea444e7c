package dev.shade.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain requests with the JDK's client, independent of the code under test. */
final class RawHttp {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();

  private RawHttp() {}

  static HttpResponse<byte[]> post(URI uri, byte[] body) {
    return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .header("content-type", "application/octet-stream").build());
  }

  static HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static void assertError(HttpResponse<byte[]> response, int status, String error) {
    assertEquals(status, response.statusCode(), new String(response.body()));
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    JsonObject body = new JsonObject(new String(response.body()));
    assertEquals(error, body.getString("error"));
    assertEquals(String.class, body.getValue("message").getClass());
  }
}
