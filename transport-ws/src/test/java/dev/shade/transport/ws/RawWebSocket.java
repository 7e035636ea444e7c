package dev.shade.transport.ws;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client written by hand (RFC 6455) over a plain socket, for frames no client library
 * would send: lying lengths, text where binary belongs, invalid UTF-8, messages that run past their
 * envelope. Client frames are masked; every read gives up after five seconds.
 */
final class RawWebSocket implements AutoCloseable {
  static final int TEXT = 0x1;
  static final int BINARY = 0x2;
  static final int CONTINUATION = 0x0;
  static final int CLOSE = 0x8;
  private static final int TIMEOUT_MS = 5_000;
  private static final byte[] MASK = {0x12, 0x34, 0x56, 0x78};
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  /** One frame from the server. */
  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The status code of a close frame. */
    int closeCode() {
      return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
  }

  private RawWebSocket(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects to {@code /v1/transfer/ws} on loopback and completes the handshake (101). */
  static RawWebSocket connect(int port) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(TIMEOUT_MS);
    RawWebSocket ws = new RawWebSocket(socket);
    String head = "GET /v1/transfer/ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    ws.out.write(head.getBytes(StandardCharsets.ISO_8859_1));
    String answer = ws.readHead();
    if (!answer.startsWith("HTTP/1.1 101")) {
      socket.close();
      throw new IOException("upgrade refused: " + answer);
    }
    return ws;
  }

  /** Writes one masked frame carrying {@code payload}. */
  void frame(int opcode, boolean fin, byte[] payload) throws IOException {
    out.write(frameHead(opcode, fin, payload.length));
    byte[] masked = payload.clone();
    for (int i = 0; i < masked.length; i++) {
      masked[i] ^= MASK[i % 4];
    }
    out.write(masked);
    out.flush();
  }

  /** Writes only the head of a frame that announces {@code length} payload bytes. */
  void frameHeadOnly(int opcode, long length) throws IOException {
    out.write(frameHead(opcode, true, length));
    out.flush();
  }

  /** Reads the next frame; {@code null} once the server closed the connection. */
  Frame read() throws IOException {
    int b0 = in.read();
    if (b0 < 0) {
      return null;
    }
    int b1 = in.readUnsignedByte();
    long length = b1 & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(b0 & 0x0f, payload);
  }

  /** Reads frames until a close frame or the end; the close frame, or null if none came. */
  Frame awaitClose() throws IOException {
    try {
      for (Frame f = read(); f != null; f = read()) {
        if (f.opcode() == CLOSE) {
          return f;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither closed nor answered within 5 s", e);
    }
    return null;
  }

  private static byte[] frameHead(int opcode, boolean fin, long length) {
    ByteBuffer head = ByteBuffer.allocate(14);
    head.put((byte) ((fin ? 0x80 : 0) | opcode));
    if (length < 126) {
      head.put((byte) (0x80 | length));
    } else if (length <= 0xffff) {
      head.put((byte) (0x80 | 126)).putShort((short) length);
    } else {
      head.put((byte) (0x80 | 127)).putLong(length);
    }
    head.put(MASK);
    return java.util.Arrays.copyOf(head.array(), head.position());
  }

  private String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
