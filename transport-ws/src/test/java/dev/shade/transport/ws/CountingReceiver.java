package dev.shade.transport.ws;

import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkReceiver;
import dev.shade.transfer.spi.StreamStateView;
import java.util.concurrent.atomic.AtomicInteger;

/** The node's own receiver, counting the chunks it acknowledges as duplicates. */
final class CountingReceiver implements ChunkReceiver {
  private final ChunkReceiver receiver;
  private final AtomicInteger duplicates = new AtomicInteger();

  CountingReceiver(ChunkReceiver receiver) {
    this.receiver = receiver;
  }

  int duplicates() {
    return duplicates.get();
  }

  @Override
  public AdmittedChunk admit(String pathStreamId, byte[] header) {
    return receiver.admit(pathStreamId, header);
  }

  @Override
  public ChunkAck deliver(AdmittedChunk chunk, byte[] body, int length) {
    ChunkAck ack = receiver.deliver(chunk, body, length);
    if (ack.duplicate()) {
      duplicates.incrementAndGet();
    }
    return ack;
  }

  @Override
  public StreamStateView state(String pathStreamId) {
    return receiver.state(pathStreamId);
  }
}
