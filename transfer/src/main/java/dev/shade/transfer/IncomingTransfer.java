package dev.shade.transfer;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamMetadata;
import dev.shade.transfer.control.Verification;
import java.util.concurrent.CompletableFuture;

/**
 * A stream a peer offers to this node. Known before accepting: who sends (an authenticated
 * address whose identity key is pinned, and whether its safety number was verified) and the
 * stream's metadata ({@code totalBytes} when known, chunking, optional file metadata).
 *
 * <p>Decide with {@link #accept} or {@link #decline}, at once or later (a person may be choosing):
 * the sender waits, polling, up to its own timeout. Deciding twice throws {@link
 * IllegalStateException}.
 *
 * <pre>{@code
 * shade.onIncomingTransfer(incoming -> {
 *   if (incoming.metadata().totalBytes() > cap) incoming.decline("stream too large");
 *   else incoming.accept(Output.file(Path.of("/uploads/x")));
 * });
 * }</pre>
 */
public interface IncomingTransfer {
  StreamId streamId();

  PeerAddress sender();

  Verification senderVerification();

  StreamMetadata metadata();

  /**
   * Accepts the stream into {@code output}.
   *
   * @return completes with the verified result, or exceptionally with {@link
   *     dev.shade.streams.TransferIntegrityError} when verification failed (nothing surfaced), or
   *     {@link TransferAbortedException} when either side aborted
   */
  CompletableFuture<TransferResult> accept(Output output);

  void decline(String reason);

  /** Aborts an accepted stream: deletes partial data, zeroises keys, tells the sender. */
  void abort(String reason);

  /** Completes as {@link #accept}'s future does; fails with {@link TransferDeclinedException} when declined. */
  CompletableFuture<TransferResult> done();
}
