package dev.shade.bench.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * A user-space link between two loopback ports (the kernel here has no netem): a TCP proxy on
 * {@code 127.0.0.1:port()} that forwards to {@code 127.0.0.1:targetPort} and delays every byte by
 * half the round trip in each direction, at a capped rate shared by every connection of a
 * direction (see {@link LinkSchedule}). Each direction of a connection has a reader, which
 * timestamps what it reads and stops reading while the direction is full, and a writer, which
 * hands each piece on at its delivery time.
 *
 * <p>The proxy acknowledges TCP segments itself, so the kernels at both ends see loopback round
 * trips; what feels the delay is every exchange above TCP (HTTP requests and their responses,
 * WebSocket acks, SSH channel windows), and the capacity bound makes the sender's TCP stall when
 * the link is full. Threads are daemons; {@link #close()} ends every connection.
 */
final class LinkEmulator implements AutoCloseable {
  private static final int READ_BYTES = 64 * 1024;
  private static final Piece END = new Piece(new byte[0], 0, 0);

  private final ServerSocket server;
  private final int targetPort;
  private final Direction upstream;
  private final Direction downstream;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

  private LinkEmulator(ServerSocket server, int targetPort, Duration roundTrip, long bitsPerSecond) {
    this.server = server;
    this.targetPort = targetPort;
    this.upstream = new Direction(new LinkSchedule(roundTrip.dividedBy(2), bitsPerSecond));
    this.downstream = new Direction(new LinkSchedule(roundTrip.dividedBy(2), bitsPerSecond));
  }

  /** Starts accepting on a free loopback port; {@code bitsPerSecond} 0 is unlimited. */
  static LinkEmulator start(int targetPort, Duration roundTrip, long bitsPerSecond)
      throws IOException {
    ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    LinkEmulator link = new LinkEmulator(server, targetPort, roundTrip, bitsPerSecond);
    daemon("link-accept-" + server.getLocalPort(), link::acceptLoop);
    return link;
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket target = new Socket();
        target.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort));
        for (Socket s : new Socket[] {client, target}) {
          s.setTcpNoDelay(true);
          sockets.add(s);
        }
        upstream.carry(client, target);
        downstream.carry(target, client);
      } catch (IOException e) {
        // closed, or the target refused: the client sees its connection end
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    sockets.forEach(LinkEmulator::closeQuietly);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private record Piece(byte[] bytes, int length, long deliveryNanos) {}

  /** One direction of the link: its schedule and the bytes it may hold, shared by connections. */
  private static final class Direction {
    private final LinkSchedule schedule;
    private final Semaphore room;

    Direction(LinkSchedule schedule) {
      this.schedule = schedule;
      this.room = new Semaphore((int) Math.min(Integer.MAX_VALUE, schedule.capacityBytes()));
    }

    void carry(Socket from, Socket to) {
      BlockingQueue<Piece> pieces = new LinkedBlockingQueue<>();
      String name = "link-" + from.getPort() + "-" + to.getPort();
      daemon(name + "-in", () -> read(from, to, pieces));
      daemon(name + "-out", () -> write(from, to, pieces));
    }

    private void read(Socket from, Socket to, BlockingQueue<Piece> pieces) {
      try {
        InputStream in = from.getInputStream();
        while (true) {
          room.acquire(READ_BYTES);
          byte[] buffer = new byte[READ_BYTES];
          int n = in.read(buffer);
          room.release(READ_BYTES - Math.max(n, 0));
          if (n < 0) {
            break;
          }
          pieces.add(new Piece(buffer, n, schedule.deliveryNanos(System.nanoTime(), n)));
        }
      } catch (IOException | InterruptedException e) {
        closeQuietly(to);
      } finally {
        pieces.add(END);
      }
    }

    private void write(Socket from, Socket to, BlockingQueue<Piece> pieces) {
      try {
        OutputStream out = to.getOutputStream();
        for (Piece piece = pieces.take(); piece != END; piece = pieces.take()) {
          for (long wait; (wait = piece.deliveryNanos() - System.nanoTime()) > 0; ) {
            LockSupport.parkNanos(wait);
          }
          out.write(piece.bytes(), 0, piece.length());
          room.release(piece.length());
        }
        to.shutdownOutput();
      } catch (IOException | InterruptedException e) {
        closeQuietly(from);
        closeQuietly(to);
        drain(pieces);
      }
    }

    /** Gives back the room of pieces that will not be written (the reader ends with END). */
    private void drain(BlockingQueue<Piece> pieces) {
      try {
        for (Piece piece = pieces.take(); piece != END; piece = pieces.take()) {
          room.release(piece.length());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
