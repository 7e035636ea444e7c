package dev.shade.transfer.spi;

class InMemoryResumeStoreTest extends ResumeStoreContract {
  @Override
  protected ResumeStore newStore() {
    return ResumeStore.inMemory();
  }
}
