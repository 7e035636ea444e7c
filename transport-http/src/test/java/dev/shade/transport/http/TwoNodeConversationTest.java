package dev.shade.transport.http;

import dev.shade.transfer.spi.PeerDirectory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.transfer.control.OpenedMessage;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TwoNodeConversationTest {
  @TempDir
  Path dir;

  private final Vertx vertx = Vertx.vertx();
  private final PeerDirectory endpoints = new PeerDirectory();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
    TestNode.await(vertx.close());
  }

  @Test
  void twoNodesExchangeAThousandMessagesEachWayAcrossOutOfOrderDeliveryAndARestart()
      throws Exception {
    TestNode alice = TestNode.start(vertx, endpoints, "alice.1", dir.resolve("alice.db"));
    TestNode bob = TestNode.start(vertx, endpoints, "bob.1", dir.resolve("bob.db"));
    int[] sent = {0, 0};

    sent[0] += converse(alice, bob, 600, "a");
    sent[1] += converse(bob, alice, 600, "b");
    sent[0] += outOfOrder(alice, bob, 50, "ooo-a");
    sent[1] += outOfOrder(bob, alice, 50, "ooo-b");

    bob.close();
    bob = TestNode.start(vertx, endpoints, "bob.1", dir.resolve("bob.db"));

    sent[0] += converse(alice, bob, 300, "after-a");
    sent[1] += converse(bob, alice, 300, "after-b");
    sent[0] += outOfOrder(alice, bob, 50, "late-a");
    sent[1] += outOfOrder(bob, alice, 50, "late-b");
    assertEquals(1000, sent[0]);
    assertEquals(1000, sent[1]);
    alice.close();
    bob.close();
  }

  @Test
  void concurrentRequestsToOnePeerAllGetTheirReplies() throws Exception {
    TestNode alice = TestNode.start(vertx, endpoints, "alice.1", null);
    TestNode bob = TestNode.start(vertx, endpoints, "bob.1", null);
    ExecutorService requesters = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        results.add(requesters.submit(() -> {
          for (int i = 0; i < 40; i++) {
            String text = "t" + thread + "-" + i;
            assertEquals("alice.1:" + text, alice.request(bob.address, text));
          }
        }));
      }
      for (Future<?> result : results) {
        result.get(120, TimeUnit.SECONDS);
      }
    } finally {
      requesters.shutdownNow();
    }
  }

  private static int converse(TestNode from, TestNode to, int count, String prefix) {
    for (int i = 0; i < count; i++) {
      assertEquals(from.address + ":" + prefix + i, from.request(to.address, prefix + i));
    }
    return count;
  }

  /** Seals {@code count} envelopes, then posts them in a shuffled order from several threads. */
  private int outOfOrder(TestNode from, TestNode to, int count, String prefix) throws Exception {
    List<byte[]> envelopes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      envelopes.add(from.plane.channel().seal(to.address, (prefix + i).getBytes(
          StandardCharsets.UTF_8)));
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(count + prefix.hashCode()));
    List<Future<?>> results = new ArrayList<>();
    for (int i : order) {
      results.add(pool.submit(() -> {
        byte[] reply = RawHttp.post(to.server.baseUri().resolve("/v1/transfer/control"),
            envelopes.get(i)).body();
        OpenedMessage opened = from.plane.channel().open(reply);
        assertEquals(to.address, opened.sender());
        assertEquals(from.address + ":" + prefix + i,
            new String(opened.plaintext(), StandardCharsets.UTF_8));
      }));
    }
    for (Future<?> result : results) {
      result.get(60, TimeUnit.SECONDS);
    }
    return count;
  }
}
