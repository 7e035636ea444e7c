package dev.shade.transfer.control;

import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.InvalidKeyException;

/**
 * A peer's pinned identity key and its verification.
 *
 * <pre>
 * at rest: u8 verification (0 = UNVERIFIED, 1 = VERIFIED) | serialised identity key (33 bytes)
 * </pre>
 */
record PinnedIdentity(IdentityKey key, Verification verification) {
  PinnedIdentity {
    if (key == null || verification == null) {
      throw new IllegalArgumentException("key and verification are required");
    }
  }

  byte[] serialize() {
    byte[] keyBytes = key.serialize();
    byte[] out = new byte[1 + keyBytes.length];
    out[0] = (byte) verification.ordinal();
    System.arraycopy(keyBytes, 0, out, 1, keyBytes.length);
    return out;
  }

  static PinnedIdentity parse(byte[] bytes) {
    try {
      return new PinnedIdentity(new IdentityKey(bytes, 1), Verification.values()[bytes[0]]);
    } catch (InvalidKeyException | ArrayIndexOutOfBoundsException e) {
      throw new IllegalStateException("stored peer identity is invalid", e);
    }
  }
}
