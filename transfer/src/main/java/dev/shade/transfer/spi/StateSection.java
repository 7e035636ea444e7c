package dev.shade.transfer.spi;

/**
 * The sections of a {@link ProtocolStateStore}. Each name is part of the at-rest format of durable
 * stores: never rename one.
 */
public enum StateSection {
  /** This node's own identity: one entry. */
  LOCAL_IDENTITY("local_identity"),
  /** Counters such as the next one-time prekey id. */
  COUNTER("counter"),
  /** Pinned identity keys of peers and their verification state, keyed by address. */
  PEER_IDENTITY("peer_identity"),
  /** libsignal session records, keyed by address. */
  SESSION("session"),
  /** One-time EC prekey records, keyed by id, until libsignal consumes them. */
  PRE_KEY("pre_key"),
  /** Ids of one-time prekeys not yet handed out in a bundle, keyed by zero-padded id. */
  PRE_KEY_UNSERVED("pre_key_unserved"),
  /** When each handed-out, not yet used one-time prekey was served (u64 epoch ms), keyed by id. */
  PRE_KEY_SERVED("pre_key_served"),
  /** Signed EC prekey records, keyed by id. */
  SIGNED_PRE_KEY("signed_pre_key"),
  /** Kyber (last-resort) prekey records, keyed by id. */
  KYBER_PRE_KEY("kyber_pre_key"),
  /** (Kyber id, signed id, base key) triples already used, so a replayed first message fails. */
  KYBER_BASE_KEY_SEEN("kyber_base_key_seen");

  private final String storageName;

  StateSection(String storageName) {
    this.storageName = storageName;
  }

  /** The stable name a durable store writes. */
  public String storageName() {
    return storageName;
  }
}
