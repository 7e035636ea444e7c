package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.PeerAddress;
import dev.shade.transfer.control.ControlPlane;
import dev.shade.transfer.spi.ProtocolStateStore;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class NodeNameTest {
  @Test
  void aNewStoreGetsTheRequestedName() {
    NodeName name = NodeName.of(ProtocolStateStore.inMemory(), "bob");
    assertEquals(PeerAddress.parse("bob.1"), name.address());
    assertTrue(name.isNew());
  }

  @Test
  void aStoreKeepsTheNameItHolds() {
    ProtocolStateStore store = ProtocolStateStore.inMemory();
    ControlPlane.builder(store, PeerAddress.parse("carol.1")).open();
    assertEquals(new NodeName(PeerAddress.parse("carol.1"), false), NodeName.of(store, null));
    assertEquals(new NodeName(PeerAddress.parse("carol.1"), false), NodeName.of(store, "carol"));
    CliException other = assertThrows(CliException.class, () -> NodeName.of(store, "dave"));
    assertEquals(ExitStatus.USAGE, other.status());
  }

  @Test
  void anInvalidNameIsAUsageError() {
    CliException e = assertThrows(CliException.class,
        () -> NodeName.of(ProtocolStateStore.inMemory(), "Bob Smith"));
    assertEquals(ExitStatus.USAGE, e.status());
  }

  @Test
  void theDefaultNameIsAValidLoginNameWithARandomTag() {
    String first = NodeName.fromLogin(new SecureRandom());
    assertTrue(first.matches("[a-z0-9][a-z0-9_-]{0,58}-[a-z2-9]{4}"), first);
    assertFalse(first.equals(NodeName.fromLogin(new SecureRandom())) && first.equals(
        NodeName.fromLogin(new SecureRandom())), "the tag is not random");
  }
}
