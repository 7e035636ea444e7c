package dev.shade.transfer.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.ShadeFormatException;
import dev.shade.transfer.spi.ProtocolStateStore;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PreKeyBundleJsonTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static String valid;

  @BeforeAll
  static void makeBundle() {
    valid = ControlPlane.builder(ProtocolStateStore.inMemory(), PeerAddress.parse("bob.1")).open()
        .keys().publishBundle().toJson();
  }

  @Test
  void bundleRoundTripsThroughJson() {
    PreKeyBundleJson bundle = PreKeyBundleJson.parse(valid);
    assertEquals(valid, bundle.toJson());
    assertEquals(bundle, PreKeyBundleJson.parse(bundle.toJson()));
  }

  @Test
  void nullPreKeyMeansNoOneTimeKey() throws Exception {
    ObjectNode root = (ObjectNode) JSON.readTree(valid);
    root.putNull("preKey");
    assertNull(PreKeyBundleJson.parse(root.toString()).preKey());
  }

  @Test
  void malformedBundlesAreRefused() {
    assertRefused(root -> root.put("deviceId", 2));
    assertRefused(root -> root.put("address", "Bob.1"));
    assertRefused(root -> root.put("registrationId", 1.5));
    assertRefused(root -> root.put("registrationId", "7"));
    assertRefused(root -> root.put("identityKey", "AAAA"));
    assertRefused(root -> root.put("identityKey", root.get("identityKey").textValue() + "="));
    assertRefused(root -> root.remove("signedPreKey"));
    assertRefused(root -> ((ObjectNode) root.get("kyberPreKey")).put("publicKey",
        root.get("identityKey").textValue()));
    assertRefused(root -> ((ObjectNode) root.get("signedPreKey")).put("signature", "AAAA"));
    assertRefused(root -> ((ObjectNode) root.get("signedPreKey")).put("id", -1));
    assertRefused(root -> root.put("preKey", 5));
    assertThrows(ShadeFormatException.class, () -> PreKeyBundleJson.parse("[]"));
    assertThrows(ShadeFormatException.class, () -> PreKeyBundleJson.parse("{"));
  }

  private static void assertRefused(Consumer<ObjectNode> change) {
    ObjectNode root;
    try {
      root = (ObjectNode) JSON.readTree(valid);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    change.accept(root);
    assertThrows(ShadeFormatException.class, () -> PreKeyBundleJson.parse(root.toString()),
        root.toString());
  }
}
