package dev.shade.transfer.control;

/** Whether a person compared the safety number of a pinned identity key. */
public enum Verification {
  /** Pinned on first use or re-approved, not compared. */
  UNVERIFIED,
  /** Recorded through {@link PeerTrust#verify}. */
  VERIFIED
}
