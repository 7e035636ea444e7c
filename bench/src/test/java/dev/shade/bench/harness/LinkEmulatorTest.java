package dev.shade.bench.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The link emulator's arithmetic, and the emulator delaying and capping real loopback bytes. */
class LinkEmulatorTest {
  private static final long GIGABIT = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void aPacketIsSerialisedAtTheRateThenDelayedOneWay() {
    LinkSchedule link = new LinkSchedule(Duration.ofMillis(20), GIGABIT);
    assertEquals(1 * MS, link.serializationNanos(125_000));
    assertEquals(21 * MS, link.deliveryNanos(0, 125_000));
  }

  @Test
  void backToBackPacketsQueueBehindEachOtherButNotBehindTheDelay() {
    LinkSchedule link = new LinkSchedule(Duration.ofMillis(20), GIGABIT);
    assertEquals(21 * MS, link.deliveryNanos(0, 125_000));
    assertEquals(22 * MS, link.deliveryNanos(0, 125_000));
    assertEquals(23 * MS, link.deliveryNanos(500_000, 125_000));
  }

  @Test
  void anIdleLinkStartsAPacketWhenItArrives() {
    LinkSchedule link = new LinkSchedule(Duration.ofMillis(20), GIGABIT);
    link.deliveryNanos(0, 125_000);
    assertEquals(100 * MS + 21 * MS, link.deliveryNanos(100 * MS, 125_000));
  }

  @Test
  void rateZeroIsUnlimitedAndOnlyDelays() {
    LinkSchedule link = new LinkSchedule(Duration.ofMillis(5), 0);
    assertEquals(5 * MS, link.deliveryNanos(0, 1 << 20));
    assertEquals(5 * MS, link.deliveryNanos(0, 1 << 20));
  }

  @Test
  void capacityIsThePipeOneWayPlusOneRoundTripOfQueue() {
    // 1 Gbit/s = 125 MB/s; 20 ms one way: 2.5 MB in flight + 5 MB of queue
    assertEquals(7_500_000, new LinkSchedule(Duration.ofMillis(20), GIGABIT).capacityBytes());
    assertEquals(256 * 1024, new LinkSchedule(Duration.ofMillis(1), 1_000_000).capacityBytes());
  }

  @Test
  void bytesCrossIntactAfterTheRoundTripAndNoFasterThanTheRate() throws Exception {
    byte[] payload = new byte[250_000];
    new Random(7).nextBytes(payload);
    try (ServerSocket echo = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        LinkEmulator link = LinkEmulator.start(echo.getLocalPort(), Duration.ofMillis(40),
            100_000_000)) {
      Thread server = new Thread(() -> echoOnce(echo));
      server.start();
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), link.port())) {
        long start = System.nanoTime();
        client.getOutputStream().write(1);
        assertEquals(1, client.getInputStream().read());
        long roundTripMs = (System.nanoTime() - start) / MS;
        assertTrue(roundTripMs >= 40 && roundTripMs < 1000, "round trip " + roundTripMs + " ms");

        start = System.nanoTime();
        client.getOutputStream().write(payload);
        byte[] back = new byte[payload.length];
        new DataInputStream(client.getInputStream()).readFully(back);
        long ms = (System.nanoTime() - start) / MS;
        assertArrayEquals(payload, back);
        // 250 kB at 100 Mbit/s takes 20 ms each way, plus the 40 ms round trip
        assertTrue(ms >= 60 && ms < 2000, "echo of 250 kB took " + ms + " ms");
      }
      server.join(5000);
    }
  }

  private static void echoOnce(ServerSocket server) {
    try (Socket s = server.accept()) {
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) > 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (Exception e) {
      // the client closed
    }
  }
}
