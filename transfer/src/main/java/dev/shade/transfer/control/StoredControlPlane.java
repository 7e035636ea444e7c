package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.StateSection;
import java.time.Clock;
import java.util.Optional;

final class StoredControlPlane implements ControlPlane {
  private static final String LOCAL_KEY = "self";

  private final ProtocolStateStore store;
  private final StoredNodeKeys keys;
  private final StoredPeerTrust trust;
  private final RatchetControlChannel channel;

  private StoredControlPlane(ProtocolStateStore store, StoredNodeKeys keys, StoredPeerTrust trust,
      RatchetControlChannel channel) {
    this.store = store;
    this.keys = keys;
    this.trust = trust;
    this.channel = channel;
  }

  static StoredControlPlane open(ProtocolStateStore store, PeerAddress address, Clock clock,
      ControlTransport transport, ControlHandler handler, TrustPolicy trustPolicy,
      KeyRotationPolicy rotation) {
    LocalIdentity local = loadOrCreateIdentity(store, address);
    StoreBackedSignalState state = new StoreBackedSignalState(store, local, trustPolicy);
    PeerLocks locks = new PeerLocks();
    StoredPeerTrust trust = new StoredPeerTrust(state, locks);
    StoredNodeKeys keys = StoredNodeKeys.create(state, rotation, clock);
    return new StoredControlPlane(store, keys, trust,
        new RatchetControlChannel(state, trust, locks, transport, handler, clock));
  }

  static Optional<PeerAddress> storedAddress(ProtocolStateStore store) {
    return store.get(StateSection.LOCAL_IDENTITY, LOCAL_KEY).map(LocalIdentity::parse)
        .map(LocalIdentity::address);
  }

  private static LocalIdentity loadOrCreateIdentity(ProtocolStateStore store, PeerAddress address) {
    store.putIfAbsent(StateSection.LOCAL_IDENTITY, LOCAL_KEY,
        LocalIdentity.generate(address).serialize());
    LocalIdentity local = LocalIdentity.parse(
        store.get(StateSection.LOCAL_IDENTITY, LOCAL_KEY).orElseThrow());
    if (!local.address().equals(address)) {
      throw new IllegalStateException(
          "this store holds the identity of " + local.address() + ", not " + address);
    }
    return local;
  }

  @Override
  public NodeKeys keys() {
    return keys;
  }

  @Override
  public PeerTrust trust() {
    return trust;
  }

  @Override
  public ControlChannel channel() {
    return channel;
  }

  @Override
  public void close() {
    store.close();
  }
}
