package dev.shade.transport.ws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on loopback that cuts WebSocket connections (those that open with {@code GET
 * /v1/transfer/ws}) once they have carried a number of bytes towards the server, closing both
 * sides mid-frame; at most a set number of times, after which it relays untouched. Everything else
 * (the control plane, HTTP chunks) passes untouched. One thread per direction per connection;
 * {@link #close()} closes every socket.
 */
final class CuttingProxy implements AutoCloseable {
  private static final byte[] WS_REQUEST = "GET /v1/transfer/ws".getBytes(StandardCharsets.US_ASCII);
  private final ServerSocket listener;
  private final int upstreamPort;
  private final long cutAfterBytes;
  private final AtomicInteger cutsLeft;
  private final AtomicInteger cuts = new AtomicInteger();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "cutting-proxy");
    t.setDaemon(true);
    return t;
  });
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  private CuttingProxy(ServerSocket listener, int upstreamPort, long cutAfterBytes, int maxCuts) {
    this.listener = listener;
    this.upstreamPort = upstreamPort;
    this.cutAfterBytes = cutAfterBytes;
    this.cutsLeft = new AtomicInteger(maxCuts);
  }

  static CuttingProxy start(int upstreamPort, long cutAfterBytes, int maxCuts) throws IOException {
    ServerSocket listener = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    CuttingProxy proxy = new CuttingProxy(listener, upstreamPort, cutAfterBytes, maxCuts);
    proxy.threads.execute(proxy::acceptLoop);
    return proxy;
  }

  /** {@code http://127.0.0.1:<port>/v1/transfer}. */
  URI baseUri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort() + "/v1/transfer");
  }

  int cuts() {
    return cuts.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = track(listener.accept());
        Socket upstream = track(new Socket(InetAddress.getLoopbackAddress(), upstreamPort));
        threads.execute(() -> relay(client, upstream, true));
        threads.execute(() -> relay(upstream, client, false));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Copies {@code from} to {@code to}; towards the server, cuts a WebSocket past its budget. */
  private void relay(Socket from, Socket to, boolean towardsServer) {
    byte[] buffer = new byte[64 * 1024];
    long budget = Long.MAX_VALUE;
    long carried = 0;
    try (from; to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (towardsServer && carried == 0 && startsWith(buffer, n, WS_REQUEST)
            && cutsLeft.getAndDecrement() > 0) {
          budget = cutAfterBytes;
        }
        carried += n;
        if (carried > budget) {
          cuts.incrementAndGet();
          return;
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // the other direction closed both sockets, or a side went away
    } finally {
      sockets.remove(from);
      sockets.remove(to);
    }
  }

  private static boolean startsWith(byte[] buffer, int length, byte[] prefix) {
    if (length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buffer[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private Socket track(Socket socket) {
    sockets.add(socket);
    return socket;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    threads.shutdownNow();
  }
}
