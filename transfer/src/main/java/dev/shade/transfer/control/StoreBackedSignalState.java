package dev.shade.transfer.control;

import static dev.shade.transfer.control.SignalAddresses.idKey;
import static dev.shade.transfer.control.SignalAddresses.key;

import dev.shade.streams.Base64Url;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.StateSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.InvalidKeyIdException;
import org.signal.libsignal.protocol.InvalidMessageException;
import org.signal.libsignal.protocol.NoSessionException;
import org.signal.libsignal.protocol.ReusedBaseKeyException;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signal.libsignal.protocol.state.IdentityKeyStore;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.KyberPreKeyStore;
import org.signal.libsignal.protocol.state.PreKeyRecord;
import org.signal.libsignal.protocol.state.PreKeyStore;
import org.signal.libsignal.protocol.state.SessionRecord;
import org.signal.libsignal.protocol.state.SessionStore;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;
import org.signal.libsignal.protocol.state.SignedPreKeyStore;

/**
 * libsignal's store interfaces over a {@link ProtocolStateStore}: every load deserialises a fresh
 * record (libsignal requires copies), and trust decisions follow the node's {@link TrustPolicy}.
 * Written once here so that the in-memory and SQLite backends cannot drift apart.
 */
final class StoreBackedSignalState
    implements IdentityKeyStore, PreKeyStore, SignedPreKeyStore, KyberPreKeyStore, SessionStore {
  private final ProtocolStateStore store;
  private final LocalIdentity local;
  private final TrustPolicy policy;
  /**
   * Write-through cache of pinned identities: libsignal asks about the peer's identity on every
   * message, and this node is the only writer of its store (one node owns a store at a time).
   */
  private final Map<String, PinnedIdentity> pinnedCache = new ConcurrentHashMap<>();

  StoreBackedSignalState(ProtocolStateStore store, LocalIdentity local, TrustPolicy policy) {
    this.store = store;
    this.local = local;
    this.policy = policy;
  }

  ProtocolStateStore backing() {
    return store;
  }

  LocalIdentity local() {
    return local;
  }

  // --- identity --------------------------------------------------------------------------------

  @Override
  public IdentityKeyPair getIdentityKeyPair() {
    return local.keyPair();
  }

  @Override
  public int getLocalRegistrationId() {
    return local.registrationId();
  }

  @Override
  public IdentityChange saveIdentity(SignalProtocolAddress address, IdentityKey identityKey) {
    Optional<PinnedIdentity> pinned = pinned(key(address));
    if (pinned.isPresent() && pinned.get().key().equals(identityKey)) {
      return IdentityChange.NEW_OR_UNCHANGED;
    }
    pin(key(address), new PinnedIdentity(identityKey, Verification.UNVERIFIED));
    return pinned.isPresent() ? IdentityChange.REPLACED_EXISTING : IdentityChange.NEW_OR_UNCHANGED;
  }

  @Override
  public boolean isTrustedIdentity(SignalProtocolAddress address, IdentityKey identityKey,
      Direction direction) {
    Optional<PinnedIdentity> pinned = pinned(key(address));
    if (pinned.isEmpty()) {
      return policy == TrustPolicy.TRUST_ON_FIRST_USE;
    }
    boolean sameKey = pinned.get().key().equals(identityKey);
    return sameKey && (policy == TrustPolicy.TRUST_ON_FIRST_USE
        || pinned.get().verification() == Verification.VERIFIED);
  }

  @Override
  public IdentityKey getIdentity(SignalProtocolAddress address) {
    return pinned(key(address)).map(PinnedIdentity::key).orElse(null);
  }

  Optional<PinnedIdentity> pinned(String addressKey) {
    PinnedIdentity cached = pinnedCache.get(addressKey);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<PinnedIdentity> stored =
        store.get(StateSection.PEER_IDENTITY, addressKey).map(PinnedIdentity::parse);
    // putIfAbsent: a concurrent pin() that already cached a newer value wins. Unknown addresses
    // are not cached, so senders cannot grow the cache by inventing names.
    stored.ifPresent(identity -> pinnedCache.putIfAbsent(addressKey, identity));
    return stored;
  }

  /** The store keys of every pinned identity. */
  Set<String> pinnedAddressKeys() {
    return store.entries(StateSection.PEER_IDENTITY).keySet();
  }

  void pin(String addressKey, PinnedIdentity identity) {
    store.put(StateSection.PEER_IDENTITY, addressKey, identity.serialize());
    pinnedCache.put(addressKey, identity);
  }

  // --- one-time prekeys ------------------------------------------------------------------------

  @Override
  public PreKeyRecord loadPreKey(int preKeyId) throws InvalidKeyIdException {
    byte[] bytes = store.get(StateSection.PRE_KEY, idKey(preKeyId))
        .orElseThrow(() -> new InvalidKeyIdException("no prekey " + preKeyId));
    try {
      return new PreKeyRecord(bytes);
    } catch (InvalidMessageException e) {
      throw new IllegalStateException("stored prekey " + preKeyId + " is invalid", e);
    }
  }

  @Override
  public void storePreKey(int preKeyId, PreKeyRecord record) {
    store.put(StateSection.PRE_KEY, idKey(preKeyId), record.serialize());
  }

  @Override
  public boolean containsPreKey(int preKeyId) {
    return store.get(StateSection.PRE_KEY, idKey(preKeyId)).isPresent();
  }

  @Override
  public void removePreKey(int preKeyId) {
    store.remove(StateSection.PRE_KEY_UNSERVED, idKey(preKeyId));
    store.remove(StateSection.PRE_KEY_SERVED, idKey(preKeyId));
    store.remove(StateSection.PRE_KEY, idKey(preKeyId));
  }

  // --- signed prekeys --------------------------------------------------------------------------

  @Override
  public SignedPreKeyRecord loadSignedPreKey(int signedPreKeyId) throws InvalidKeyIdException {
    byte[] bytes = store.get(StateSection.SIGNED_PRE_KEY, idKey(signedPreKeyId))
        .orElseThrow(() -> new InvalidKeyIdException("no signed prekey " + signedPreKeyId));
    return parseSigned(bytes);
  }

  @Override
  public List<SignedPreKeyRecord> loadSignedPreKeys() {
    List<SignedPreKeyRecord> records = new ArrayList<>();
    store.entries(StateSection.SIGNED_PRE_KEY).values().forEach(b -> records.add(parseSigned(b)));
    return records;
  }

  @Override
  public void storeSignedPreKey(int signedPreKeyId, SignedPreKeyRecord record) {
    store.put(StateSection.SIGNED_PRE_KEY, idKey(signedPreKeyId), record.serialize());
  }

  @Override
  public boolean containsSignedPreKey(int signedPreKeyId) {
    return store.get(StateSection.SIGNED_PRE_KEY, idKey(signedPreKeyId)).isPresent();
  }

  @Override
  public void removeSignedPreKey(int signedPreKeyId) {
    store.remove(StateSection.SIGNED_PRE_KEY, idKey(signedPreKeyId));
  }

  private static SignedPreKeyRecord parseSigned(byte[] bytes) {
    try {
      return new SignedPreKeyRecord(bytes);
    } catch (InvalidMessageException e) {
      throw new IllegalStateException("stored signed prekey is invalid", e);
    }
  }

  // --- Kyber prekeys ---------------------------------------------------------------------------

  @Override
  public KyberPreKeyRecord loadKyberPreKey(int kyberPreKeyId) throws InvalidKeyIdException {
    byte[] bytes = store.get(StateSection.KYBER_PRE_KEY, idKey(kyberPreKeyId))
        .orElseThrow(() -> new InvalidKeyIdException("no Kyber prekey " + kyberPreKeyId));
    return parseKyber(bytes);
  }

  @Override
  public List<KyberPreKeyRecord> loadKyberPreKeys() {
    List<KyberPreKeyRecord> records = new ArrayList<>();
    store.entries(StateSection.KYBER_PRE_KEY).values().forEach(b -> records.add(parseKyber(b)));
    return records;
  }

  @Override
  public void storeKyberPreKey(int kyberPreKeyId, KyberPreKeyRecord record) {
    store.put(StateSection.KYBER_PRE_KEY, idKey(kyberPreKeyId), record.serialize());
  }

  @Override
  public boolean containsKyberPreKey(int kyberPreKeyId) {
    return store.get(StateSection.KYBER_PRE_KEY, idKey(kyberPreKeyId)).isPresent();
  }

  /**
   * Kyber prekeys here are last-resort keys, reused by many first messages; remembering each
   * (Kyber id, signed id, base key) makes a replayed first message fail instead of building a
   * second session.
   */
  @Override
  public void markKyberPreKeyUsed(int kyberPreKeyId, int signedPreKeyId, ECPublicKey baseKey)
      throws ReusedBaseKeyException {
    String seen = idKey(kyberPreKeyId) + ":" + idKey(signedPreKeyId) + ":"
        + Base64Url.encode(baseKey.serialize());
    if (!store.putIfAbsent(StateSection.KYBER_BASE_KEY_SEEN, seen, new byte[0])) {
      throw new ReusedBaseKeyException("base key already used with this Kyber prekey");
    }
  }

  void removeKyberPreKey(int kyberPreKeyId) {
    store.remove(StateSection.KYBER_PRE_KEY, idKey(kyberPreKeyId));
    String prefix = idKey(kyberPreKeyId) + ":";
    for (String seen : store.entries(StateSection.KYBER_BASE_KEY_SEEN).keySet()) {
      if (seen.startsWith(prefix)) {
        store.remove(StateSection.KYBER_BASE_KEY_SEEN, seen);
      }
    }
  }

  private static KyberPreKeyRecord parseKyber(byte[] bytes) {
    try {
      return new KyberPreKeyRecord(bytes);
    } catch (InvalidMessageException e) {
      throw new IllegalStateException("stored Kyber prekey is invalid", e);
    }
  }

  // --- sessions --------------------------------------------------------------------------------

  /** Returns a fresh copy, or null when there is none (as libsignal's own stores do). */
  @Override
  public SessionRecord loadSession(SignalProtocolAddress address) {
    return store.get(StateSection.SESSION, key(address)).map(StoreBackedSignalState::parseSession)
        .orElse(null);
  }

  @Override
  public List<SessionRecord> loadExistingSessions(List<SignalProtocolAddress> addresses)
      throws NoSessionException {
    List<SessionRecord> records = new ArrayList<>();
    for (SignalProtocolAddress address : addresses) {
      SessionRecord record = loadSession(address);
      if (record == null) {
        throw new NoSessionException(address, "no session for " + key(address));
      }
      records.add(record);
    }
    return records;
  }

  @Override
  public List<Integer> getSubDeviceSessions(String name) {
    List<Integer> devices = new ArrayList<>();
    String prefix = name + ".";
    for (String addressKey : store.entries(StateSection.SESSION).keySet()) {
      if (addressKey.startsWith(prefix)) {
        int device = Integer.parseInt(addressKey.substring(prefix.length()));
        if (device != 1) {
          devices.add(device);
        }
      }
    }
    return devices;
  }

  @Override
  public void storeSession(SignalProtocolAddress address, SessionRecord record) {
    store.put(StateSection.SESSION, key(address), record.serialize());
  }

  @Override
  public boolean containsSession(SignalProtocolAddress address) {
    return store.get(StateSection.SESSION, key(address)).isPresent();
  }

  @Override
  public void deleteSession(SignalProtocolAddress address) {
    store.remove(StateSection.SESSION, key(address));
  }

  @Override
  public void deleteAllSessions(String name) {
    String prefix = name + ".";
    for (String addressKey : store.entries(StateSection.SESSION).keySet()) {
      if (addressKey.startsWith(prefix)) {
        store.remove(StateSection.SESSION, addressKey);
      }
    }
  }

  private static SessionRecord parseSession(byte[] bytes) {
    try {
      return new SessionRecord(bytes);
    } catch (InvalidMessageException e) {
      throw new IllegalStateException("stored session is invalid", e);
    }
  }
}
