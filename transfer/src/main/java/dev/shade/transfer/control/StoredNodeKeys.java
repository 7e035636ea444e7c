package dev.shade.transfer.control;

import static dev.shade.transfer.control.SignalAddresses.idKey;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.spi.ProtocolStateStore;
import dev.shade.transfer.spi.StateSection;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.InvalidKeyIdException;
import org.signal.libsignal.protocol.ecc.ECKeyPair;
import org.signal.libsignal.protocol.ecc.ECPrivateKey;
import org.signal.libsignal.protocol.kem.KEMKeyPair;
import org.signal.libsignal.protocol.kem.KEMKeyType;
import org.signal.libsignal.protocol.state.KyberPreKeyRecord;
import org.signal.libsignal.protocol.state.PreKeyRecord;
import org.signal.libsignal.protocol.state.SignedPreKeyRecord;

final class StoredNodeKeys implements NodeKeys {
  private static final int MAX_KEY_ID = 0xffffff;
  private static final String PRE_KEY_COUNTER = "next_pre_key_id";
  private static final String SIGNED_COUNTER = "next_signed_pre_key_id";
  private static final String KYBER_COUNTER = "next_kyber_pre_key_id";
  private static final Duration SERVED_SWEEP_INTERVAL = Duration.ofHours(1);

  private final StoreBackedSignalState state;
  private final ProtocolStateStore store;
  private final KeyRotationPolicy policy;
  private final RotationSchedule schedule;
  private final Clock clock;
  private long nextServedSweepMillis = Long.MIN_VALUE;

  private StoredNodeKeys(StoreBackedSignalState state, KeyRotationPolicy policy, Clock clock) {
    this.state = state;
    this.store = state.backing();
    this.policy = policy;
    this.schedule = new RotationSchedule(policy);
    this.clock = clock;
  }

  static StoredNodeKeys create(StoreBackedSignalState state, KeyRotationPolicy policy,
      Clock clock) {
    StoredNodeKeys keys = new StoredNodeKeys(state, policy, clock);
    keys.seedPreKeysIfNone();
    keys.rotateIfDue();
    return keys;
  }

  @Override
  public PeerAddress address() {
    return state.local().address();
  }

  @Override
  public IdentityKey identityKey() {
    return state.local().keyPair().getPublicKey();
  }

  @Override
  public int registrationId() {
    return state.local().registrationId();
  }

  @Override
  public PreKeyBundleJson publishBundle() {
    rotateIfDue();
    PreKeyBundleJson.OneTimePublicKey oneTime = takeOneTimePreKey().orElse(null);
    SignedPreKeyRecord signed = newestSigned();
    KyberPreKeyRecord kyber = newestKyber();
    try {
      return new PreKeyBundleJson(address(), registrationId(), identityKey().serialize(),
          new PreKeyBundleJson.SignedPublicKey(signed.getId(),
              signed.getKeyPair().getPublicKey().serialize(), signed.getSignature()),
          new PreKeyBundleJson.SignedPublicKey(kyber.getId(),
              kyber.getKeyPair().getPublicKey().serialize(), kyber.getSignature()),
          oneTime);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("stored prekey is invalid", e);
    } finally {
      replenishIfLow();
    }
  }

  @Override
  public synchronized void rotateIfDue() {
    Map<Integer, Long> signed = new HashMap<>();
    state.loadSignedPreKeys().forEach(r -> signed.put(r.getId(), r.getTimestamp()));
    if (schedule.due(signed, clock.instant())) {
      SignedPreKeyRecord fresh = newSignedPreKey();
      state.storeSignedPreKey(fresh.getId(), fresh);
      signed.put(fresh.getId(), fresh.getTimestamp());
    }
    schedule.expired(signed, clock.instant()).forEach(state::removeSignedPreKey);

    Map<Integer, Long> kyber = new HashMap<>();
    state.loadKyberPreKeys().forEach(r -> kyber.put(r.getId(), r.getTimestamp()));
    if (schedule.due(kyber, clock.instant())) {
      KyberPreKeyRecord fresh = newKyberPreKey();
      state.storeKyberPreKey(fresh.getId(), fresh);
      kyber.put(fresh.getId(), fresh.getTimestamp());
    }
    schedule.expired(kyber, clock.instant()).forEach(state::removeKyberPreKey);
    expireServedPreKeys();
    replenishIfLow();
  }

  /**
   * A served one-time prekey that no first message used is dropped once the signed prekey served
   * beside it must have expired too (rotation period plus overlap): until then a late first
   * message finds both.
   */
  private void expireServedPreKeys() {
    if (clock.millis() < nextServedSweepMillis) {
      return; // publishBundle calls this on every fetch; a sweep scans every served key
    }
    nextServedSweepMillis = clock.millis() + SERVED_SWEEP_INTERVAL.toMillis();
    long cutoff = clock.millis() - policy.rotationPeriod().toMillis() - policy.overlap().toMillis();
    store.entries(StateSection.PRE_KEY_SERVED).forEach((id, servedAt) -> {
      if (ByteBuffer.wrap(servedAt).getLong() <= cutoff) {
        state.removePreKey(Integer.parseInt(id));
      }
    });
  }

  @Override
  public int unservedPreKeyCount() {
    return store.count(StateSection.PRE_KEY_UNSERVED);
  }

  private Optional<PreKeyBundleJson.OneTimePublicKey> takeOneTimePreKey() {
    Optional<String> taken;
    while ((taken = store.takeFirstKey(StateSection.PRE_KEY_UNSERVED)).isPresent()) {
      int id = Integer.parseInt(taken.get());
      store.put(StateSection.PRE_KEY_SERVED, taken.get(),
          ByteBuffer.allocate(8).putLong(clock.millis()).array());
      try {
        PreKeyRecord record = state.loadPreKey(id);
        return Optional.of(new PreKeyBundleJson.OneTimePublicKey(id,
            record.getKeyPair().getPublicKey().serialize()));
      } catch (InvalidKeyIdException e) {
        continue; // consumed by a session between listing and loading: take the next one
      } catch (InvalidKeyException e) {
        throw new IllegalStateException("stored prekey " + id + " is invalid", e);
      }
    }
    return Optional.empty();
  }

  private synchronized void replenishIfLow() {
    if (policy.preKeyLowWater() > 0 && unservedPreKeyCount() < policy.preKeyLowWater()) {
      addPreKeys(policy.preKeyBatch());
    }
  }

  /** The first batch of a new node, made whatever the low-water mark. */
  private synchronized void seedPreKeysIfNone() {
    if (store.get(StateSection.COUNTER, PRE_KEY_COUNTER).isEmpty()) {
      addPreKeys(policy.preKeyBatch());
    }
  }

  private void addPreKeys(int count) {
    for (int i = 0; i < count; i++) {
      int id = nextId(PRE_KEY_COUNTER);
      state.storePreKey(id, new PreKeyRecord(id, ECKeyPair.generate()));
      store.put(StateSection.PRE_KEY_UNSERVED, idKey(id), new byte[0]);
    }
  }

  private SignedPreKeyRecord newSignedPreKey() {
    int id = nextId(SIGNED_COUNTER);
    ECKeyPair pair = ECKeyPair.generate();
    byte[] signature = identityPrivateKey().calculateSignature(pair.getPublicKey().serialize());
    return new SignedPreKeyRecord(id, clock.millis(), pair, signature);
  }

  private KyberPreKeyRecord newKyberPreKey() {
    int id = nextId(KYBER_COUNTER);
    KEMKeyPair pair = KEMKeyPair.generate(KEMKeyType.KYBER_1024);
    byte[] signature = identityPrivateKey().calculateSignature(pair.getPublicKey().serialize());
    return new KyberPreKeyRecord(id, clock.millis(), pair, signature);
  }

  @Override
  public dev.shade.streams.SecretBytes deviceKey() {
    byte[] raw = identityPrivateKey().serialize();
    dev.shade.streams.SecretBytes ikm = dev.shade.streams.SecretBytes.copyOf(raw);
    java.util.Arrays.fill(raw, (byte) 0);
    try {
      return dev.shade.streams.KeySchedule.deriveDeviceKey(ikm);
    } finally {
      ikm.destroy();
    }
  }

  private ECPrivateKey identityPrivateKey() {
    return state.local().keyPair().getPrivateKey();
  }

  private SignedPreKeyRecord newestSigned() {
    return state.loadSignedPreKeys().stream()
        .max((a, b) -> Long.compare(a.getTimestamp(), b.getTimestamp()))
        .orElseThrow(() -> new IllegalStateException("no signed prekey"));
  }

  private KyberPreKeyRecord newestKyber() {
    return state.loadKyberPreKeys().stream()
        .max((a, b) -> Long.compare(a.getTimestamp(), b.getTimestamp()))
        .orElseThrow(() -> new IllegalStateException("no Kyber prekey"));
  }

  /** Ids run 1..16777215 and wrap; callers hold this object's lock. */
  private int nextId(String counter) {
    int next = store.get(StateSection.COUNTER, counter)
        .map(bytes -> ByteBuffer.wrap(bytes).getInt()).orElse(1);
    int after = next >= MAX_KEY_ID ? 1 : next + 1;
    store.put(StateSection.COUNTER, counter, ByteBuffer.allocate(4).putInt(after).array());
    return next;
  }
}
