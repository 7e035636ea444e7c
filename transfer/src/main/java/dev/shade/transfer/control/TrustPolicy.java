package dev.shade.transfer.control;

/** When the control plane accepts a peer's identity key. */
public enum TrustPolicy {
  /** The first key seen for an address is pinned; a different one later is refused. */
  TRUST_ON_FIRST_USE,
  /**
   * Only keys recorded as verified through {@link PeerTrust#verify} are accepted, for sending and
   * receiving alike: unverified and unknown peers are refused with {@code untrusted_identity}.
   */
  REQUIRE_VERIFIED
}
