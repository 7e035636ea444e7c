package dev.shade.cli;

import dev.shade.streams.FileMetadata;
import dev.shade.transfer.Input;
import dev.shade.transfer.Peer;
import dev.shade.transfer.Shade;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import dev.shade.transfer.UploadHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends files to one peer, one at a time, named after their base name, each reported through a
 * {@link TransferTracker} from start to result or error.
 */
final class FileSender {
  private final Shade shade;
  private final Peer peer;
  private final int lanes;
  private final int chunkSizeBytes;
  private final TransferTracker tracker;

  FileSender(Shade shade, Peer peer, int lanes, int chunkSizeBytes, TransferTracker tracker) {
    this.shade = shade;
    this.peer = peer;
    this.lanes = lanes;
    this.chunkSizeBytes = chunkSizeBytes;
    this.tracker = tracker;
  }

  /**
   * Sends {@code file} and waits until the receiver verified it.
   *
   * @throws CliException after reporting it, when the transfer failed
   */
  TransferResult send(Path file) {
    Sending sending = null;
    try {
      Upload upload = Upload.to(peer).input(Input.file(file)).lanes(lanes)
          .chunkSizeBytes(chunkSizeBytes)
          .fileMetadata(FileMetadata.of(file.getFileName().toString(), null)).build();
      long sizeBytes = size(file);
      UploadHandle handle = shade.upload(upload);
      sending = new Sending(file, handle.streamId(), sizeBytes, lanes, peer.address(),
          System.nanoTime());
      tracker.track(sending);
      TransferResult result = handle.done().join();
      tracker.complete(sending, result);
      return result;
    } catch (RuntimeException e) {
      CliException failure = Failures.explain(e);
      tracker.fail(sending, failure);
      throw failure;
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new CliException(ExitStatus.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
