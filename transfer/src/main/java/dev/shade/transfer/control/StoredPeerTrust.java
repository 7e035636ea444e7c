package dev.shade.transfer.control;

import dev.shade.streams.ErrorCode;
import dev.shade.streams.PeerAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.fingerprint.NumericFingerprintGenerator;

final class StoredPeerTrust implements PeerTrust {
  /** DESIGN.md's safety-number parameters. */
  private static final int FINGERPRINT_ITERATIONS = 5200;
  private static final int FINGERPRINT_VERSION = 2;

  private final StoreBackedSignalState state;
  private final PeerLocks locks;
  private final Map<PeerAddress, IdentityKey> refused = new ConcurrentHashMap<>();

  StoredPeerTrust(StoreBackedSignalState state, PeerLocks locks) {
    this.state = state;
    this.locks = locks;
  }

  @Override
  public Optional<IdentityKey> pinnedIdentity(PeerAddress peer) {
    return state.pinned(SignalAddresses.key(peer)).map(PinnedIdentity::key);
  }

  @Override
  public List<PeerAddress> pinnedPeers() {
    return state.pinnedAddressKeys().stream().map(SignalAddresses::fromKey)
        .sorted(Comparator.comparing(PeerAddress::toString)).toList();
  }

  @Override
  public Verification verification(PeerAddress peer) {
    return state.pinned(SignalAddresses.key(peer)).map(PinnedIdentity::verification)
        .orElse(Verification.UNVERIFIED);
  }

  @Override
  public Optional<IdentityKey> refusedIdentity(PeerAddress peer) {
    return Optional.ofNullable(refused.get(peer));
  }

  void recordRefused(PeerAddress peer, IdentityKey key) {
    if (key != null) {
      refused.put(peer, key);
    }
  }

  @Override
  public SafetyNumber safetyNumber(PeerAddress peer) {
    return safetyNumber(peer, pinnedIdentity(peer)
        .orElseThrow(() -> new IllegalStateException("no identity key pinned for " + peer)));
  }

  @Override
  public SafetyNumber safetyNumber(PeerAddress peer, IdentityKey theirKey) {
    LocalIdentity local = state.local();
    String digits = new NumericFingerprintGenerator(FINGERPRINT_ITERATIONS)
        .createFor(FINGERPRINT_VERSION,
            local.address().name().getBytes(StandardCharsets.UTF_8),
            local.keyPair().getPublicKey(),
            peer.name().getBytes(StandardCharsets.UTF_8),
            theirKey)
        .getDisplayableFingerprint().getDisplayText();
    return new SafetyNumber(digits);
  }

  @Override
  public void verify(PeerAddress peer) {
    locks.withLock(peer, () -> {
      IdentityKey key = pinnedIdentity(peer)
          .orElseThrow(() -> new IllegalStateException("no identity key pinned for " + peer));
      state.pin(SignalAddresses.key(peer), new PinnedIdentity(key, Verification.VERIFIED));
    });
  }

  @Override
  public void verify(PeerAddress peer, IdentityKey key) {
    repin(peer, key, Verification.VERIFIED);
  }

  @Override
  public void approve(PeerAddress peer, IdentityKey key) {
    locks.withLock(peer, () -> {
      if (!pinnedIdentity(peer).map(key::equals).orElse(false)) {
        repin(peer, key, Verification.UNVERIFIED);
      }
    });
  }

  private void repin(PeerAddress peer, IdentityKey key, Verification verification) {
    locks.withLock(peer, () -> {
      Optional<IdentityKey> old = pinnedIdentity(peer);
      if (old.isPresent() && !old.get().equals(key)) {
        state.deleteSession(SignalAddresses.toSignal(peer));
      }
      state.pin(SignalAddresses.key(peer), new PinnedIdentity(key, verification));
      refused.remove(peer, key);
    });
  }

  @Override
  public void requireVerified(PeerAddress peer) {
    if (verification(peer) != Verification.VERIFIED) {
      throw new ControlException(ErrorCode.UNTRUSTED_IDENTITY,
          peer + " has not been verified (compare safety numbers, then verify)");
    }
  }
}
