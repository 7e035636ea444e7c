package dev.shade.transfer.spi;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

final class InMemoryProtocolStateStore implements ProtocolStateStore {
  private final Map<StateSection, ConcurrentNavigableMap<String, byte[]>> sections =
      new EnumMap<>(StateSection.class);
  private volatile boolean closed;

  private InMemoryProtocolStateStore() {
    for (StateSection section : StateSection.values()) {
      sections.put(section, new ConcurrentSkipListMap<>());
    }
  }

  static InMemoryProtocolStateStore create() {
    return new InMemoryProtocolStateStore();
  }

  @Override
  public Optional<byte[]> get(StateSection section, String key) {
    return Optional.ofNullable(section(section).get(key)).map(byte[]::clone);
  }

  @Override
  public void put(StateSection section, String key, byte[] value) {
    section(section).put(key, value.clone());
  }

  @Override
  public boolean putIfAbsent(StateSection section, String key, byte[] value) {
    return section(section).putIfAbsent(key, value.clone()) == null;
  }

  @Override
  public boolean remove(StateSection section, String key) {
    return section(section).remove(key) != null;
  }

  @Override
  public Map<String, byte[]> entries(StateSection section) {
    Map<String, byte[]> copy = new LinkedHashMap<>();
    section(section).forEach((key, value) -> copy.put(key, value.clone()));
    return copy;
  }

  @Override
  public Optional<String> takeFirstKey(StateSection section) {
    Map.Entry<String, byte[]> first = section(section).pollFirstEntry();
    return first == null ? Optional.empty() : Optional.of(first.getKey());
  }

  @Override
  public int count(StateSection section) {
    return section(section).size();
  }

  @Override
  public void close() {
    closed = true;
  }

  private ConcurrentNavigableMap<String, byte[]> section(StateSection section) {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
    return sections.get(section);
  }
}
