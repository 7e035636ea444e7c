package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PeerAddressTest {
  @Test
  void addressSplitsAtTheLastDot() {
    PeerAddress address = PeerAddress.parse("alice.1");
    assertEquals("alice", address.name());
    assertEquals(1, address.deviceId());
    assertEquals("alice.1", address.toString());
  }

  @Test
  void longestAddressFitsTheEnvelopeLimit() {
    String name = "a".repeat(64);
    PeerAddress address = PeerAddress.parse(name + ".127");
    assertEquals(PeerAddress.MAX_UTF8_BYTES, address.toUtf8().length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"alice", "alice.", ".1", "alice.0", "alice.128", "alice.01", "alice.+1",
      "Alice.1", "_alice.1", "al.ice.1", "a b.1", "alice.1 ", "\u00e9.1", "alice.-1", "alice.1000"})
  void invalidAddressesAreRefused(String text) {
    assertThrows(ShadeFormatException.class, () -> PeerAddress.parse(text));
  }

  @Test
  void nameLongerThanSixtyFourCharactersIsRefused() {
    assertThrows(ShadeFormatException.class, () -> PeerAddress.parse("a".repeat(65) + ".1"));
  }

  @Test
  void oversizedUtf8IsRefusedBeforeDecoding() {
    assertThrows(ShadeFormatException.class, () -> PeerAddress.parseUtf8(new byte[69]));
  }
}
