package dev.shade.transfer;

import dev.shade.streams.KeySchedule;
import dev.shade.streams.SecretBytes;
import dev.shade.streams.StreamId;
import dev.shade.transfer.spi.PersistedStreamState;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * Seals stream secrets for a {@link dev.shade.transfer.spi.ResumeStore} with AES-256-GCM under the
 * node's device key, so that a copied database alone cannot resume (or decrypt) a stream.
 *
 * <pre>
 * sealed = u8 version = 1 | 12-byte random nonce | AES-256-GCM(deviceKey, nonce, secret, aad)
 * aad    = "shade-state/v1" 0x00 | streamId (16 bytes) | direction ("send" or "receive")
 * </pre>
 *
 * The AAD binds a sealed secret to its row: moved to another stream or direction it fails to open.
 *
 * <p>Thread safety: safe for concurrent use; {@link #destroy()} zeroises the device key.
 */
public final class StreamSecretSealer implements Destroyable {
  private static final int VERSION = 1;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] AAD_PREFIX = "shade-state/v1\0".getBytes(StandardCharsets.US_ASCII);
  /** Length of a sealed 32-byte secret. */
  public static final int SEALED_BYTES = 1 + NONCE_BYTES + KeySchedule.STREAM_SECRET_SIZE_BYTES + 16;

  private final SecretBytes deviceKey;
  private final SecureRandom random;

  private StreamSecretSealer(SecretBytes deviceKey, SecureRandom random) {
    this.deviceKey = deviceKey;
    this.random = random;
  }

  /** Takes ownership of {@code deviceKey}: {@link #destroy()} destroys it. */
  public static StreamSecretSealer create(SecretBytes deviceKey, SecureRandom random) {
    if (deviceKey.sizeBytes() != KeySchedule.KEY_SIZE_BYTES) {
      throw new IllegalArgumentException("device key must be 32 bytes");
    }
    return new StreamSecretSealer(deviceKey, random);
  }

  public byte[] seal(SecretBytes secret, StreamId streamId,
      PersistedStreamState.Direction direction) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] plain = secret.toByteArray();
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, streamId, direction);
      byte[] ct = cipher.doFinal(plain);
      return ByteBuffer.allocate(1 + NONCE_BYTES + ct.length).put((byte) VERSION).put(nonce).put(ct)
          .array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM unavailable", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * Opens what {@link #seal} sealed for the same stream and direction.
   *
   * @throws ResumeRefusedException when it does not open: sealed under another identity (the
   *     identity was rotated), damaged, or moved from another row
   */
  public SecretBytes open(byte[] sealed, StreamId streamId,
      PersistedStreamState.Direction direction) {
    if (sealed.length != SEALED_BYTES || sealed[0] != VERSION) {
      throw ResumeRefusedException.sealedSecret(streamId, "its sealed secret is malformed");
    }
    byte[] nonce = Arrays.copyOfRange(sealed, 1, 1 + NONCE_BYTES);
    byte[] plain = null;
    try {
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, streamId, direction);
      plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
      return SecretBytes.copyOf(plain);
    } catch (AEADBadTagException e) {
      throw ResumeRefusedException.sealedSecret(streamId, "its secret was sealed under another "
          + "identity (was the identity rotated?) or the stored state was altered");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM unavailable", e);
    } finally {
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  private Cipher cipher(int mode, byte[] nonce, StreamId streamId,
      PersistedStreamState.Direction direction) throws GeneralSecurityException {
    byte[] key = deviceKey.toByteArray();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(AAD_PREFIX);
      cipher.updateAAD(streamId.toByteArray());
      cipher.updateAAD(direction.storageName().getBytes(StandardCharsets.US_ASCII));
      return cipher;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  @Override
  public void destroy() {
    deviceKey.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return deviceKey.isDestroyed();
  }
}
