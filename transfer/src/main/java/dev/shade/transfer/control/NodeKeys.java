package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import org.signal.libsignal.protocol.IdentityKey;

/**
 * A node's published key material: its address, identity key and registration id, a signed prekey
 * and a Kyber last-resort prekey rotated on a schedule, and a batch of one-time EC prekeys.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>{@link #publishBundle()} hands each one-time prekey out at most once, also to concurrent
 *       callers; once none remain, bundles carry {@code "preKey": null} and still start sessions.
 *   <li>One-time prekeys are replenished when fewer than the policy's low-water mark remain.
 *   <li>Signed and Kyber prekeys are replaced after the policy's rotation period; a replaced one is
 *       kept for the overlap period after its successor appeared, so late first messages decrypt.
 *   <li>Time comes from the injected {@link java.time.Clock}; rotation happens when a bundle is
 *       published and when {@link #rotateIfDue()} is called.
 * </ul>
 *
 * <p>Thread safety: safe for concurrent use. Methods block on the protocol store.
 *
 * <pre>{@code
 * String json = plane.keys().publishBundle().toJson();   // the body of GET /v1/transfer/keys
 * }</pre>
 */
public interface NodeKeys {
  PeerAddress address();

  IdentityKey identityKey();

  int registrationId();

  /** The current bundle, consuming one unserved one-time prekey if any remains. */
  PreKeyBundleJson publishBundle();

  /** Rotates the signed and Kyber prekeys when due, expires old ones, replenishes one-time keys. */
  void rotateIfDue();

  /**
   * The key that seals this node's state at rest (DESIGN.md: HKDF-SHA256 over the identity private
   * key). A fresh copy each call: the caller destroys it. A rotated identity yields another key, so
   * state sealed under the old identity cannot be opened.
   */
  dev.shade.streams.SecretBytes deviceKey();

  /** One-time prekeys not yet handed out. */
  int unservedPreKeyCount();
}
