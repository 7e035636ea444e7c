package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import java.util.List;
import java.util.Optional;
import org.signal.libsignal.protocol.IdentityKey;

/**
 * The identity keys a node has pinned for its peers, their verification, and the trust gate.
 *
 * <p>Trust on first use: the first identity key seen for an address (in a fetched bundle or a
 * PreKey message) is pinned. A different key for the same address is refused with
 * {@code untrusted_identity} until a person calls {@link #approve} with the new key, which also
 * drops the session built on the old one. {@link #verify} records that the safety number was
 * compared; the gate {@link #requireVerified} (and {@link TrustPolicy#REQUIRE_VERIFIED} for the
 * whole channel) admits only verified peers.
 *
 * <p>Thread safety: safe for concurrent use. Methods touch the protocol store and block.
 *
 * <pre>{@code
 * SafetyNumber mine = trust.safetyNumber(bob);   // compare with bob's screen
 * trust.verify(bob);
 * trust.requireVerified(bob);                    // passes now
 * }</pre>
 */
public interface PeerTrust {
  /** The identity key pinned for {@code peer}, if any. */
  Optional<IdentityKey> pinnedIdentity(PeerAddress peer);

  /** Every peer whose identity key is pinned, ordered by address. */
  List<PeerAddress> pinnedPeers();

  /** UNVERIFIED for unknown peers. */
  Verification verification(PeerAddress peer);

  /**
   * The identity key most recently refused for {@code peer} because it differed from the pinned
   * one, kept in memory so that a person can inspect and {@link #approve} it.
   */
  Optional<IdentityKey> refusedIdentity(PeerAddress peer);

  /**
   * The safety number between this node and {@code peer}'s pinned identity key.
   *
   * @throws IllegalStateException when no key is pinned for {@code peer}
   */
  SafetyNumber safetyNumber(PeerAddress peer);

  /** The safety number between this node and {@code peer} holding {@code theirKey}. */
  SafetyNumber safetyNumber(PeerAddress peer, IdentityKey theirKey);

  /**
   * Records the pinned key of {@code peer} as verified.
   *
   * @throws IllegalStateException when no key is pinned for {@code peer}
   */
  void verify(PeerAddress peer);

  /**
   * Pins {@code key} for {@code peer} as verified, e.g. before first contact under
   * {@link TrustPolicy#REQUIRE_VERIFIED}. Replacing a different pinned key drops its session.
   */
  void verify(PeerAddress peer, IdentityKey key);

  /**
   * Re-approves {@code peer} under a new identity key (unverified), dropping the session built on
   * the old key. Approving the key already pinned changes nothing.
   */
  void approve(PeerAddress peer, IdentityKey key);

  /**
   * The trust gate: returns when {@code peer}'s pinned key is verified.
   *
   * @throws ControlException {@code untrusted_identity} otherwise
   */
  void requireVerified(PeerAddress peer);
}
