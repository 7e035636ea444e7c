package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One lock per peer: libsignal loads, advances and stores a session in separate steps, so two
 * concurrent operations on one peer's session would lose an update.
 */
final class PeerLocks {
  private final ConcurrentHashMap<PeerAddress, ReentrantLock> locks = new ConcurrentHashMap<>();

  <T> T withLock(PeerAddress peer, Supplier<T> action) {
    ReentrantLock lock = locks.computeIfAbsent(peer, p -> new ReentrantLock());
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  void withLock(PeerAddress peer, Runnable action) {
    withLock(peer, () -> {
      action.run();
      return null;
    });
  }
}
