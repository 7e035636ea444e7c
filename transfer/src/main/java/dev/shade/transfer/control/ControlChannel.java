package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import java.util.Optional;

/**
 * The ratchet control plane of one node: control messages (opaque plaintext, in practice the JSON
 * of a {@code shade.*} message) encrypted with libsignal's Double Ratchet for one peer address and
 * carried in 0x02 envelopes.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>The first message to a peer fetches its prekey bundle through the {@link ControlTransport}
 *       and is a PreKey message; once the peer has answered, messages are Whisper messages.
 *   <li>A peer's identity key is pinned on first contact (or must be verified first under
 *       {@link TrustPolicy#REQUIRE_VERIFIED}); a different key later is refused with
 *       {@code untrusted_identity} until re-approved through {@link PeerTrust}.
 *   <li>A refused envelope (malformed, undecryptable, replayed, from an untrusted identity, without
 *       a session) throws a {@link dev.shade.streams.ShadeException} with the DESIGN.md error code
 *       and changes no protocol state.
 *   <li>Messages may arrive out of order; each decrypts exactly once.
 * </ul>
 *
 * <p>Thread safety: safe for concurrent use; operations on one peer's session are serialised.
 * Every method blocks (libsignal, storage, and for {@link #request} and first contact the
 * network): call them on worker threads, never on an event loop.
 *
 * <pre>{@code
 * Optional<byte[]> reply = plane.channel().request(PeerAddress.parse("bob.1"), json);
 * }</pre>
 */
public interface ControlChannel {
  /**
   * Encrypts {@code plaintext} for {@code peer}, delivers it and decrypts the reply. When the peer
   * answers {@code no_session} (it lost the session), starts a fresh session from a new bundle
   * once, provided the peer's identity key is unchanged.
   *
   * @return the decrypted reply, or empty when the peer had none
   * @throws ControlException when either side refused the exchange
   */
  Optional<byte[]> request(PeerAddress peer, byte[] plaintext);

  /** Encrypts {@code plaintext} for {@code peer} into an envelope, fetching a bundle on first contact. */
  byte[] seal(PeerAddress peer, byte[] plaintext);

  /**
   * Decrypts an envelope from any peer.
   *
   * @throws dev.shade.streams.ShadeFormatException when the envelope is malformed (400)
   * @throws ControlException when the ratchet or trust policy refuses it (422)
   */
  OpenedMessage open(byte[] envelope);

  /**
   * The receiving side of {@link #request}: opens {@code envelope}, hands the plaintext to the
   * node's {@link ControlHandler}, and seals its reply back to the sender.
   *
   * @return the reply envelope, or empty when the handler had no reply
   */
  Optional<byte[]> receive(byte[] envelope);
}
