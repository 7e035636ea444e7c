package dev.shade.transfer;

import dev.shade.streams.ControlMessage;
import dev.shade.streams.PeerAddress;
import java.util.Optional;

/** A blocking control exchange with a peer: one message out, its reply (if any) back. */
@FunctionalInterface
interface ControlRequester {
  Optional<ControlMessage> request(PeerAddress peer, ControlMessage message);
}
