package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import java.util.Optional;

/**
 * How a node reaches its peers on the control plane: fetch a peer's prekey bundle, deliver one
 * envelope and receive the reply envelope in the same exchange. Transports (HTTP today) implement
 * this SPI; the control plane never knows which one it talks through.
 *
 * <p>Methods block until the peer answered or the transport gave up; never call them on an event
 * loop. Implementations are safe for concurrent use.
 */
public interface ControlTransport {
  /**
   * The peer's current prekey bundle ({@code GET /v1/transfer/keys}).
   *
   * @throws ControlException when the peer answered with an error
   * @throws java.io.UncheckedIOException when the peer could not be reached
   */
  PreKeyBundleJson fetchBundle(PeerAddress peer);

  /**
   * Delivers one 0x02 envelope and returns the peer's reply envelope, or empty when the peer had no
   * reply (HTTP 204).
   *
   * @throws ControlException carrying the peer's error code when it refused the envelope
   * @throws java.io.UncheckedIOException when the peer could not be reached
   */
  Optional<byte[]> deliver(PeerAddress peer, byte[] envelope);
}
