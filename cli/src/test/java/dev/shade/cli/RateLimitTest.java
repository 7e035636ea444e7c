package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final RateLimit limit = new RateLimit(1000, now::get);

  @Test
  void theFirstSendGoesAtOnceAndLaterOnesQueueBehindWhatIsBooked() {
    assertEquals(0, limit.reserve(500));
    assertEquals(500_000_000L, limit.reserve(1000));
    assertEquals(1_500_000_000L, limit.reserve(10));
    now.addAndGet(1_000_000_000L);
    assertEquals(510_000_000L, limit.reserve(10));
  }

  @Test
  void anIdleLinkSavesNoCreditForLater() {
    now.addAndGet(60_000_000_000L);
    assertEquals(0, limit.reserve(1000));
    assertEquals(1_000_000_000L, limit.reserve(1000));
  }

  @Test
  void aRateBelowOneByteASecondIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimit(0, now::get));
  }
}
