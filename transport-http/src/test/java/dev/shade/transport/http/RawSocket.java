package dev.shade.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Hand-written HTTP/1.1 over a plain socket, for requests no client library would send: lying
 * lengths, bodies that never come, broken request lines. One request per connection; every read
 * gives up after five seconds.
 */
final class RawSocket {
  private static final int TIMEOUT_MS = 5_000;
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  private RawSocket() {}

  /** A status and the body that came with it. */
  record Answer(int status, String head, byte[] body) {
    JsonObject json() {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    }
  }

  /**
   * Sends {@code head} (request line and headers, without the blank line) and {@code body}, and
   * reads one answer without sending anything more, however much the head announced.
   */
  static Answer exchange(int port, String head, byte[] body) {
    byte[] headBytes = (head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return exchange(port, all);
  }

  /** Sends raw bytes as they are, then reads one answer. */
  static Answer exchange(int port, byte[] bytes) {
    return exchange(port, bytes, false);
  }

  /**
   * Like {@link #exchange(int, String, byte[])}, and then asserts that the server closes the
   * connection (within five seconds) instead of waiting for the rest of what was announced.
   */
  static Answer exchangeExpectingClose(int port, String head, byte[] body) {
    byte[] headBytes = (head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, all, headBytes.length, body.length);
    return exchange(port, all, true);
  }

  private static Answer exchange(int port, byte[] bytes, boolean expectClose) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(TIMEOUT_MS);
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      Answer answer = read(socket.getInputStream());
      if (expectClose) {
        assertEquals(-1, socket.getInputStream().read(), "the server kept the connection open");
      }
      return answer;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertError(Answer answer, int status, String error) {
    assertEquals(status, answer.status(), answer.head());
    assertEquals("application/json", header(answer.head(), "content-type"), answer.head());
    JsonObject body = answer.json();
    assertEquals(error, body.getString("error"), body.encode());
    assertEquals(String.class, body.getValue("message").getClass());
  }

  private static Answer read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    for (int matched = 0; matched < 4; ) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed after " + head.size() + " bytes of head");
      }
      head.write(b);
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD_BYTES) {
        throw new IOException("answer head over " + MAX_HEAD_BYTES + " bytes");
      }
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int status = Integer.parseInt(text.substring(9, 12));
    String length = header(text, "content-length");
    byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    return new Answer(status, text, body);
  }

  private static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }
}
