package dev.shade.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.StreamId;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {
  private static final StreamId ID = StreamId.random(new SecureRandom());

  @Test
  void eventsAfterCloseAreDroppedWithoutThrowing() throws Exception {
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch delivered = new CountDownLatch(1);
    EventDispatcher events = new EventDispatcher(new TransferListener() {
      @Override
      public void aborted(StreamId streamId, String reason) {
        seen.add(reason);
        delivered.countDown();
      }
    });
    events.emit(l -> l.aborted(ID, "before close"));
    delivered.await(5, TimeUnit.SECONDS);
    events.close();
    events.emit(l -> l.aborted(ID, "after close"));
    assertEquals(List.of("before close"), seen);
  }
}
