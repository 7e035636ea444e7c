package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.spi.ProtocolStateStore;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * One node's ratchet control plane: its keys, its trust in peers, and its channel, all over one
 * {@link ProtocolStateStore}. Opening a store that holds no identity creates one for
 * {@code address}; opening it again (after a restart) restores the identity, prekeys, pinned
 * peers and sessions, so the node decrypts the next message of a conversation it was in.
 *
 * <p>Thread safety: safe for concurrent use. Opening and every operation block: use worker
 * threads. {@link #close()} closes the store and is idempotent.
 *
 * <pre>{@code
 * ControlPlane alice = ControlPlane.builder(store, PeerAddress.parse("alice.1"))
 *     .transport(httpTransport).handler(myHandler).open();
 * Optional<byte[]> reply = alice.channel().request(bob, json);
 * }</pre>
 */
public interface ControlPlane extends AutoCloseable {
  NodeKeys keys();

  PeerTrust trust();

  ControlChannel channel();

  @Override
  void close();

  static Builder builder(ProtocolStateStore store, PeerAddress address) {
    return new Builder(store, address);
  }

  /**
   * The address whose identity {@code store} holds, or empty when no node has opened it yet: lets
   * a tool reopen a node from its store alone. Blocks on the store.
   */
  static Optional<PeerAddress> storedAddress(ProtocolStateStore store) {
    return StoredControlPlane.storedAddress(store);
  }

  /** Options of {@link ControlPlane}; every one but the store and address has a default. */
  final class Builder {
    private final ProtocolStateStore store;
    private final PeerAddress address;
    private Clock clock = Clock.systemUTC();
    private ControlTransport transport;
    private ControlHandler handler = ControlHandler.NO_REPLY;
    private TrustPolicy trustPolicy = TrustPolicy.TRUST_ON_FIRST_USE;
    private KeyRotationPolicy rotation = KeyRotationPolicy.DEFAULT;

    private Builder(ProtocolStateStore store, PeerAddress address) {
      this.store = Objects.requireNonNull(store, "store");
      this.address = Objects.requireNonNull(address, "address");
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How this node reaches peers; without one it can only answer requests. */
    public Builder transport(ControlTransport transport) {
      this.transport = Objects.requireNonNull(transport, "transport");
      return this;
    }

    public Builder handler(ControlHandler handler) {
      this.handler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    public Builder trustPolicy(TrustPolicy trustPolicy) {
      this.trustPolicy = Objects.requireNonNull(trustPolicy, "trustPolicy");
      return this;
    }

    public Builder rotation(KeyRotationPolicy rotation) {
      this.rotation = Objects.requireNonNull(rotation, "rotation");
      return this;
    }

    /**
     * Loads or creates the node's identity and keys.
     *
     * @throws IllegalStateException when the store belongs to a different address
     */
    public ControlPlane open() {
      return StoredControlPlane.open(store, address, clock, transport, handler, trustPolicy,
          rotation);
    }
  }
}
