package dev.shade.transfer.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shade.streams.Base64Url;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.ShadeFormatException;
import org.signal.libsignal.protocol.IdentityKey;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.ecc.ECPublicKey;
import org.signal.libsignal.protocol.kem.KEMPublicKey;
import org.signal.libsignal.protocol.state.PreKeyBundle;

/**
 * The prekey bundle a node serves at {@code GET /v1/transfer/keys}, in DESIGN.md's JSON shape:
 *
 * <pre>
 * {"address":"bob.1","registrationId":n,"deviceId":n,"identityKey":b64u,
 *  "signedPreKey":{"id":n,"publicKey":b64u,"signature":b64u},
 *  "kyberPreKey":{"id":n,"publicKey":b64u,"signature":b64u},
 *  "preKey":{"id":n,"publicKey":b64u} | null}
 * </pre>
 *
 * Keys are libsignal serialisations: identity and EC keys 33 bytes (0x05 prefix), the Kyber key
 * 1569 bytes (0x08 prefix), signatures 64 bytes. {@code preKey} is null once the node's one-time
 * prekeys are used up. Parsing is strict (types, lengths, prefixes, deviceId matching the address)
 * and signatures are checked by libsignal when the bundle starts a session.
 */
public record PreKeyBundleJson(PeerAddress address, int registrationId, byte[] identityKey,
    SignedPublicKey signedPreKey, SignedPublicKey kyberPreKey, OneTimePublicKey preKey) {
  public static final int EC_KEY_BYTES = 33;
  public static final int KYBER_KEY_BYTES = 1569;
  public static final int SIGNATURE_BYTES = 64;
  private static final int EC_PREFIX = 0x05;
  private static final int KYBER_PREFIX = 0x08;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A signed prekey or the Kyber prekey. */
  public record SignedPublicKey(int id, byte[] publicKey, byte[] signature) {
    public SignedPublicKey {
      requireId(id);
      publicKey = publicKey.clone();
      signature = requireLength(signature, SIGNATURE_BYTES, "signature").clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }
  }

  /** A one-time EC prekey. */
  public record OneTimePublicKey(int id, byte[] publicKey) {
    public OneTimePublicKey {
      requireId(id);
      publicKey = requireKey(publicKey, EC_KEY_BYTES, EC_PREFIX, "preKey.publicKey").clone();
    }

    @Override
    public byte[] publicKey() {
      return publicKey.clone();
    }
  }

  public PreKeyBundleJson {
    if (address == null || signedPreKey == null || kyberPreKey == null) {
      throw new ShadeFormatException("bundle", "address, signedPreKey and kyberPreKey are required");
    }
    if (registrationId < 1 || registrationId > 0x3fff) {
      throw new ShadeFormatException("registrationId", "must be 1..16383");
    }
    identityKey = requireKey(identityKey, EC_KEY_BYTES, EC_PREFIX, "identityKey").clone();
    requireKey(signedPreKey.publicKey, EC_KEY_BYTES, EC_PREFIX, "signedPreKey.publicKey");
    requireKey(kyberPreKey.publicKey, KYBER_KEY_BYTES, KYBER_PREFIX, "kyberPreKey.publicKey");
  }

  @Override
  public byte[] identityKey() {
    return identityKey.clone();
  }

  /** The bundle as libsignal's {@link PreKeyBundle}, ready for {@code SessionBuilder.process}. */
  public PreKeyBundle toPreKeyBundle() {
    try {
      return new PreKeyBundle(registrationId, address.deviceId(),
          preKey == null ? PreKeyBundle.NULL_PRE_KEY_ID : preKey.id,
          preKey == null ? null : new ECPublicKey(preKey.publicKey),
          signedPreKey.id, new ECPublicKey(signedPreKey.publicKey), signedPreKey.signature,
          new IdentityKey(identityKey),
          kyberPreKey.id, new KEMPublicKey(kyberPreKey.publicKey), kyberPreKey.signature);
    } catch (InvalidKeyException e) {
      throw new ShadeFormatException("bundle", "a key is not a valid libsignal key");
    }
  }

  public IdentityKey identity() {
    try {
      return new IdentityKey(identityKey);
    } catch (InvalidKeyException e) {
      throw new ShadeFormatException("identityKey", "not a valid identity key");
    }
  }

  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("address", address.toString());
    root.put("registrationId", registrationId);
    root.put("deviceId", address.deviceId());
    root.put("identityKey", Base64Url.encode(identityKey));
    root.set("signedPreKey", signed(signedPreKey));
    root.set("kyberPreKey", signed(kyberPreKey));
    if (preKey == null) {
      root.putNull("preKey");
    } else {
      root.putObject("preKey").put("id", preKey.id).put("publicKey",
          Base64Url.encode(preKey.publicKey));
    }
    return root.toString();
  }

  /**
   * Parses and validates a bundle.
   *
   * @throws ShadeFormatException naming the offending field
   */
  public static PreKeyBundleJson parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ShadeFormatException("bundle", "not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new ShadeFormatException("bundle", "not a JSON object");
    }
    PeerAddress address = PeerAddress.parse(text(root, "address"));
    if (integer(root, "deviceId") != address.deviceId()) {
      throw new ShadeFormatException("deviceId", "does not match the address");
    }
    JsonNode preKey = root.get("preKey");
    return new PreKeyBundleJson(address, integer(root, "registrationId"),
        bytes(root, "identityKey"), parseSigned(object(root, "signedPreKey"), "signedPreKey"),
        parseSigned(object(root, "kyberPreKey"), "kyberPreKey"),
        preKey == null || preKey.isNull() ? null : parseOneTime(object(root, "preKey")));
  }

  private static ObjectNode signed(SignedPublicKey key) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", key.id).put("publicKey", Base64Url.encode(key.publicKey))
        .put("signature", Base64Url.encode(key.signature));
    return node;
  }

  private static SignedPublicKey parseSigned(JsonNode node, String field) {
    return new SignedPublicKey(integer(node, "id"), bytes(node, "publicKey"),
        requireLength(bytes(node, "signature"), SIGNATURE_BYTES, field + ".signature"));
  }

  private static OneTimePublicKey parseOneTime(JsonNode node) {
    return new OneTimePublicKey(integer(node, "id"), bytes(node, "publicKey"));
  }

  private static JsonNode object(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new ShadeFormatException(field, "must be an object");
    }
    return node;
  }

  private static String text(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isTextual()) {
      throw new ShadeFormatException(field, "must be a string");
    }
    return node.textValue();
  }

  private static int integer(JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
      throw new ShadeFormatException(field, "must be an integer");
    }
    return node.intValue();
  }

  private static byte[] bytes(JsonNode parent, String field) {
    return Base64Url.decode(text(parent, field), field);
  }

  private static void requireId(int id) {
    if (id < 0 || id > 0xffffff) {
      throw new ShadeFormatException("id", "must be 0..16777215");
    }
  }

  private static byte[] requireKey(byte[] key, int length, int prefix, String field) {
    requireLength(key, length, field);
    if ((key[0] & 0xff) != prefix) {
      throw new ShadeFormatException(field, "must start with 0x0" + prefix);
    }
    return key;
  }

  private static byte[] requireLength(byte[] bytes, int length, String field) {
    if (bytes == null || bytes.length != length) {
      throw new ShadeFormatException(field, "must be " + length + " bytes");
    }
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreKeyBundleJson other && toJson().equals(other.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "PreKeyBundleJson[" + address + ", preKey " + (preKey == null ? "none" : preKey.id)
        + "]";
  }
}
