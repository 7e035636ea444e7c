package dev.shade.transfer;

import dev.shade.streams.StreamId;
import java.util.concurrent.CompletableFuture;

/**
 * A running upload. {@link #done()} completes with the verified {@link TransferResult} once the
 * receiver confirmed every lane's and the overall SHA-256; it fails with {@link
 * TransferDeclinedException}, {@link TransferAbortedException}, {@link
 * dev.shade.streams.TransferIntegrityError} or a transport error.
 */
public interface UploadHandle {
  StreamId streamId();

  CompletableFuture<TransferResult> done();

  /** Stops sending, tells the receiver (which deletes its partial data) and zeroises the keys. */
  void abort(String reason);
}
