package dev.shade.transport.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on loopback that speaks just enough HTTP/1.1 (Content-Length bodies, keep-alive, no
 * pipelining) to misbehave on chunk requests ({@code POST .../chunks}); every other request passes
 * untouched. Each client connection gets one thread and one upstream connection; the mischief for
 * each chunk request is drawn from a seeded {@link Policy}.
 *
 * <p>Bounds: sockets time out after {@link #SOCKET_TIMEOUT_MS}, heads are at most 64 KiB, bodies
 * at most 32 MiB; {@link #close()} closes every socket and stops every thread.
 */
final class HostileProxy implements AutoCloseable {
  static final int SOCKET_TIMEOUT_MS = 30_000;
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int MAX_BODY_BYTES = 32 << 20;

  /** What the proxy does to one chunk request. */
  enum Mischief {
    /** Forwards request and response untouched. */
    PASS,
    /** Flips one bit of the envelope after its 36-byte header (the ciphertext or tag). */
    FLIP_BODY_BIT,
    /** Flips one bit of the envelope's 36-byte header. */
    FLIP_HEADER_BIT,
    /** Forwards the head and part of the body, then closes both connections. */
    DROP_MID_BODY,
    /** Forwards the request, then closes the client connection before the answer is relayed. */
    DROP_ANSWER,
    /** Forwards the request twice and relays the second answer. */
    REPLAY,
    /** Forwards the request, and replays it again later on a connection of its own. */
    LATE_REPLAY,
    /** Holds the request 10..200 ms, so that requests on other connections overtake it. */
    DELAY,
    /** Rewrites Content-Length and sends a complete request whose body is cut short. */
    TRUNCATE,
    /** Never forwards the request and never answers; the client must time out. */
    STALL
  }

  /** Chooses the mischief for each chunk request; called from many threads. */
  interface Policy {
    Mischief choose(SplittableRandom random);

    /** PASS with probability {@code 1 - sum(weights)}, else one of {@code weights}' keys. */
    static Policy weighted(Map<Mischief, Double> weights) {
      return random -> {
        double roll = random.nextDouble();
        for (Map.Entry<Mischief, Double> w : weights.entrySet()) {
          roll -= w.getValue();
          if (roll < 0) {
            return w.getKey();
          }
        }
        return Mischief.PASS;
      };
    }
  }

  private final ServerSocket listener;
  private final int upstreamPort;
  private final Policy policy;
  private final SplittableRandom seedSource;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemon("proxy"));
  private final ScheduledExecutorService later =
      Executors.newSingleThreadScheduledExecutor(daemon("proxy-later"));
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Map<Mischief, AtomicInteger> counts = new EnumMap<>(Mischief.class);
  private volatile boolean closed;

  private HostileProxy(ServerSocket listener, int upstreamPort, Policy policy, long seed) {
    this.listener = listener;
    this.upstreamPort = upstreamPort;
    this.policy = policy;
    this.seedSource = new SplittableRandom(seed);
    for (Mischief m : Mischief.values()) {
      counts.put(m, new AtomicInteger());
    }
  }

  /** Listens on an ephemeral loopback port and forwards to {@code upstreamPort} on loopback. */
  static HostileProxy start(int upstreamPort, Policy policy, long seed) throws IOException {
    ServerSocket listener = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    HostileProxy proxy = new HostileProxy(listener, upstreamPort, policy, seed);
    proxy.threads.execute(proxy::acceptLoop);
    return proxy;
  }

  /** {@code http://127.0.0.1:<port>/v1/transfer}. */
  URI baseUri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/v1/transfer");
  }

  /** How often each mischief was done so far. */
  Map<Mischief, Integer> counts() {
    Map<Mischief, Integer> snapshot = new EnumMap<>(Mischief.class);
    counts.forEach((m, n) -> snapshot.put(m, n.get()));
    return snapshot;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        SplittableRandom random;
        synchronized (seedSource) {
          random = seedSource.split();
        }
        threads.execute(() -> serve(client, random));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Relays one client connection's requests, in order, until either side closes. */
  private void serve(Socket client, SplittableRandom random) {
    Upstream upstream = new Upstream();
    try (client; upstream) {
      track(client);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (!closed) {
        Message request = Message.read(in, true);
        if (request == null) {
          return;
        }
        Mischief mischief = request.isChunkPost() ? policy.choose(random) : Mischief.PASS;
        counts.get(mischief).incrementAndGet();
        if (!misbehave(mischief, request, upstream, in, out, random)) {
          return;
        }
      }
    } catch (IOException e) {
      // either side went away: closing the client connection is the honest relay of that
    } finally {
      sockets.remove(client);
    }
  }

  /** Does {@code mischief} to one request; false when the client connection must close. */
  private boolean misbehave(Mischief mischief, Message request, Upstream upstream,
      InputStream clientIn, OutputStream client, SplittableRandom random) throws IOException {
    switch (mischief) {
      case FLIP_BODY_BIT:
      case FLIP_HEADER_BIT:
        return relay(upstream.exchange(flipped(request, mischief, random)), client);
      case DROP_MID_BODY:
        upstream.sendPart(request, random.nextInt(request.body.length));
        return false;
      case DROP_ANSWER:
        upstream.exchange(request);
        return false;
      case REPLAY:
        upstream.exchange(request);
        return relay(upstream.exchange(request), client);
      case LATE_REPLAY:
        later.schedule(() -> replayAlone(request), 50 + random.nextInt(400), TimeUnit.MILLISECONDS);
        return relay(upstream.exchange(request), client);
      case DELAY:
        sleep(10 + random.nextInt(190));
        return relay(upstream.exchange(request), client);
      case TRUNCATE:
        return relay(upstream.exchange(request.truncated(random.nextInt(request.body.length))),
            client);
      case STALL:
        awaitClose(clientIn);
        return false;
      default:
        return relay(upstream.exchange(request), client);
    }
  }

  private static Message flipped(Message request, Mischief where, SplittableRandom random) {
    byte[] body = request.body.clone();
    int header = Math.min(36, body.length);
    int at = where == Mischief.FLIP_HEADER_BIT || body.length <= header
        ? random.nextInt(Math.max(1, header)) : header + random.nextInt(body.length - header);
    if (body.length > 0) {
      body[at] ^= (byte) (1 << random.nextInt(8));
    }
    return request.withBody(body);
  }

  /** STALL: the request is swallowed; waits (at most the socket timeout) for the client to go. */
  private static void awaitClose(InputStream clientIn) throws IOException {
    byte[] ignored = new byte[8192];
    while (clientIn.read(ignored) >= 0) {
      // a client that sends more on a stalled connection is ignored too
    }
  }

  private boolean relay(Message response, OutputStream client) throws IOException {
    if (response == null) {
      return false;
    }
    response.writeTo(client);
    return !response.closes();
  }

  private void replayAlone(Message request) {
    try (Upstream alone = new Upstream()) {
      alone.exchange(request);
    } catch (IOException e) {
      // a late replay is best effort
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void track(Socket socket) throws IOException {
    sockets.add(socket);
    socket.setSoTimeout(SOCKET_TIMEOUT_MS);
    socket.setTcpNoDelay(true);
    if (closed) {
      socket.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing
    }
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing
      }
    }
    later.shutdownNow();
    threads.shutdownNow();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The connection to the real server behind one client connection, opened when needed. */
  private final class Upstream implements AutoCloseable {
    private Socket socket;

    /** Sends {@code request}, returns the answer; null when the server closed without one. */
    Message exchange(Message request) throws IOException {
      Socket s = open();
      try {
        request.writeTo(s.getOutputStream());
      } catch (IOException e) {
        // the server may answer early (413) and close before reading the body: read on
      }
      Message response;
      try {
        response = Message.read(s.getInputStream(), false);
      } catch (IOException e) {
        response = null;
      }
      if (response == null || response.closes()) {
        close();
      }
      return response;
    }

    void sendPart(Message request, int bodyBytes) throws IOException {
      OutputStream out = open().getOutputStream();
      out.write(request.head);
      out.write(request.body, 0, bodyBytes);
      out.flush();
      close();
    }

    private Socket open() throws IOException {
      if (socket == null || socket.isClosed()) {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort),
            5_000);
        track(socket);
      }
      return socket;
    }

    @Override
    public void close() {
      if (socket != null) {
        sockets.remove(socket);
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing
        }
        socket = null;
      }
    }
  }

  /** One HTTP/1.1 request or response: its head (start line and headers) and its body. */
  private static final class Message {
    final byte[] head;
    final byte[] body;
    private final String headText;

    private Message(byte[] head, byte[] body) {
      this.head = head;
      this.body = body;
      this.headText = new String(head, StandardCharsets.ISO_8859_1);
    }

    /** Reads one message; null at a clean end of stream before its first byte. */
    static Message read(InputStream in, boolean isRequest) throws IOException {
      byte[] head = readHead(in);
      if (head == null) {
        return null;
      }
      String text = new String(head, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
      if (text.contains("\r\ntransfer-encoding:")) {
        throw new IOException("chunked bodies are not supported by this proxy");
      }
      long length = contentLength(text);
      if (length < 0) {
        boolean noBody = isRequest || text.startsWith("http/1.1 204")
            || text.startsWith("http/1.1 304");
        return new Message(head, noBody ? new byte[0] : in.readNBytes(MAX_BODY_BYTES));
      }
      if (length > MAX_BODY_BYTES) {
        throw new IOException("body of " + length + " bytes");
      }
      byte[] body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException("body cut short");
      }
      return new Message(head, body);
    }

    private static byte[] readHead(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          if (head.size() == 0) {
            return null;
          }
          throw new EOFException("head cut short");
        }
        head.write(b);
        matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        if (head.size() > MAX_HEAD_BYTES) {
          throw new IOException("head over " + MAX_HEAD_BYTES + " bytes");
        }
      }
      return head.toByteArray();
    }

    private static long contentLength(String lowerHead) {
      for (String line : lowerHead.split("\r\n")) {
        if (line.startsWith("content-length:")) {
          return Long.parseLong(line.substring("content-length:".length()).trim());
        }
      }
      return -1;
    }

    boolean isChunkPost() {
      String requestLine = headText.substring(0, headText.indexOf("\r\n"));
      return requestLine.startsWith("POST ") && requestLine.contains("/chunks ");
    }

    boolean closes() {
      return headText.toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
    }

    Message withBody(byte[] newBody) {
      return new Message(head, newBody);
    }

    /** The same request with its body cut to {@code bodyBytes} and Content-Length to match. */
    Message truncated(int bodyBytes) {
      String rewritten = headText.replaceFirst("(?i)\r\ncontent-length: *\\d+",
          "\r\ncontent-length: " + bodyBytes);
      return new Message(rewritten.getBytes(StandardCharsets.ISO_8859_1),
          Arrays.copyOf(body, bodyBytes));
    }

    void writeTo(OutputStream out) throws IOException {
      out.write(head);
      out.write(body);
      out.flush();
    }
  }
}
