package dev.shade.transfer.spi;

class InMemoryProtocolStateStoreTest extends ProtocolStateStoreContract {
  @Override
  protected ProtocolStateStore newStore() {
    return ProtocolStateStore.inMemory();
  }
}
