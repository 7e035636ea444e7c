package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.signal.libsignal.protocol.IdentityKeyPair;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.util.KeyHelper;

/**
 * A node's own identity: its address, its long-term identity key pair and its registration id.
 * Stored once in {@link dev.shade.transfer.spi.StateSection#LOCAL_IDENTITY}.
 *
 * <pre>
 * at rest: u8 version = 1 | u32 registrationId | u16 addressLen | address UTF-8 | identity key pair
 * </pre>
 */
record LocalIdentity(PeerAddress address, IdentityKeyPair keyPair, int registrationId) {
  private static final int VERSION = 1;

  LocalIdentity {
    if (address == null || keyPair == null) {
      throw new IllegalArgumentException("address and keyPair are required");
    }
    if (registrationId < 1 || registrationId > 0x3fff) {
      throw new IllegalArgumentException("registrationId must be 1..16383");
    }
  }

  static LocalIdentity generate(PeerAddress address) {
    return new LocalIdentity(address, IdentityKeyPair.generate(),
        KeyHelper.generateRegistrationId(false));
  }

  byte[] serialize() {
    byte[] addressBytes = address.toUtf8();
    byte[] pair = keyPair.serialize();
    return ByteBuffer.allocate(1 + 4 + 2 + addressBytes.length + pair.length)
        .put((byte) VERSION).putInt(registrationId).putShort((short) addressBytes.length)
        .put(addressBytes).put(pair).array();
  }

  static LocalIdentity parse(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.get() != VERSION) {
      throw new IllegalStateException("stored local identity has an unknown version");
    }
    int registrationId = in.getInt();
    byte[] addressBytes = new byte[in.getShort()];
    in.get(addressBytes);
    byte[] pair = new byte[in.remaining()];
    in.get(pair);
    try {
      return new LocalIdentity(PeerAddress.parse(new String(addressBytes, StandardCharsets.UTF_8)),
          new IdentityKeyPair(pair), registrationId);
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("stored local identity key pair is invalid", e);
    }
  }

  @Override
  public String toString() {
    return "LocalIdentity[" + address + ", registrationId " + registrationId + "]";
  }
}
