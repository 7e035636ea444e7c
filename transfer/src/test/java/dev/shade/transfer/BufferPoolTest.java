package dev.shade.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BufferPoolTest {
  @Test
  void givenBuffersAreTakenAgainUpToTheCapacity() {
    BufferPool pool = new BufferPool(16, 2);
    byte[] a = pool.take();
    byte[] b = pool.take();
    byte[] c = pool.take();
    pool.give(a);
    pool.give(b);
    pool.give(c); // over capacity: dropped
    assertSame(a, pool.take());
    assertSame(b, pool.take());
    byte[] fresh = pool.take();
    assertNotSame(c, fresh);
    assertEquals(16, fresh.length);
  }

  @Test
  void buffersOfAnotherSizeAreNotKept() {
    BufferPool pool = new BufferPool(16, 2);
    byte[] other = new byte[15];
    pool.give(other);
    assertNotSame(other, pool.take());
  }

  @Test
  void aClosedPoolKeepsNothingButStillLends() {
    BufferPool pool = new BufferPool(16, 2);
    byte[] kept = pool.take();
    pool.give(kept);
    pool.close();
    byte[] after = pool.take();
    assertNotSame(kept, after);
    pool.give(after);
    assertNotSame(after, pool.take());
  }

  @Test
  void nonsenseSizesAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new BufferPool(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new BufferPool(1, 0));
  }
}
