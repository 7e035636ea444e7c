package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import org.signal.libsignal.protocol.SignalProtocolAddress;

/** Conversions between Shade addresses, libsignal addresses and store keys. */
final class SignalAddresses {
  private SignalAddresses() {}

  static SignalProtocolAddress toSignal(PeerAddress address) {
    return new SignalProtocolAddress(address.name(), address.deviceId());
  }

  static String key(SignalProtocolAddress address) {
    return address.getName() + "." + address.getDeviceId();
  }

  static String key(PeerAddress address) {
    return address.toString();
  }

  /** The address a {@link #key} names. */
  static PeerAddress fromKey(String key) {
    return PeerAddress.parse(key);
  }

  /** Zero-padded so that store keys sort like the ids. */
  static String idKey(int id) {
    return String.format("%010d", Integer.toUnsignedLong(id));
  }
}
