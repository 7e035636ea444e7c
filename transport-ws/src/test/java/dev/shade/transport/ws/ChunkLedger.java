package dev.shade.transport.ws;

import dev.shade.streams.StreamId;
import dev.shade.transfer.TransferListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts {@code chunkAcked} events: how often each (lane, seq) was counted, the bytes, and which
 * transports carried them. On a receiver it is the node's own accounting of what it wrote.
 */
final class ChunkLedger implements TransferListener {
  private final Map<String, Integer> timesCounted = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> bytesByTransport = new ConcurrentHashMap<>();

  @Override
  public void chunkAcked(StreamId streamId, int laneId, long seq, int plaintextBytes,
      String transport) {
    timesCounted.merge(streamId + "/" + laneId + "/" + seq, 1, Integer::sum);
    bytesByTransport.computeIfAbsent(transport, t -> new AtomicLong()).addAndGet(plaintextBytes);
  }

  /** Chunks counted more than once. */
  long countedTwice() {
    return timesCounted.values().stream().filter(n -> n > 1).count();
  }

  int chunks() {
    return timesCounted.size();
  }

  long bytes() {
    return bytesByTransport.values().stream().mapToLong(AtomicLong::get).sum();
  }

  long bytesOver(String transport) {
    AtomicLong bytes = bytesByTransport.get(transport);
    return bytes == null ? 0 : bytes.get();
  }

  Set<String> transports() {
    return Set.copyOf(bytesByTransport.keySet());
  }

  void clear() {
    timesCounted.clear();
    bytesByTransport.clear();
  }
}
