package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import java.util.Optional;

/**
 * What a node does with a control message that arrived and decrypted: the application's side of
 * the control plane.
 *
 * <p>Called on a worker thread, never on an event loop, possibly concurrently for different
 * messages (also from the same sender). The {@code plaintext} is authenticated: it came from the
 * holder of {@code sender}'s pinned identity key. The returned reply, if any, is encrypted back to
 * {@code sender} and travels in the same HTTP response; an empty reply answers 204.
 *
 * <pre>{@code
 * ControlHandler echo = (sender, plaintext) -> Optional.of(plaintext);
 * }</pre>
 */
@FunctionalInterface
public interface ControlHandler {
  /** A handler that never replies. */
  ControlHandler NO_REPLY = (sender, plaintext) -> Optional.empty();

  Optional<byte[]> handle(PeerAddress sender, byte[] plaintext);
}
