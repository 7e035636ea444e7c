package dev.shade.cli;

import dev.shade.streams.FileMetadata;
import dev.shade.streams.StreamId;
import dev.shade.transfer.Input;
import dev.shade.transfer.Peer;
import dev.shade.transfer.ResumeRefusedException;
import dev.shade.transfer.Shade;
import dev.shade.transfer.TransferPausedException;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.Upload;
import dev.shade.transfer.UploadHandle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends files, and resumes interrupted uploads, one at a time, each reported through a {@link
 * TransferTracker} from start to result, pause or error. A file is named after its base name.
 */
final class FileSender {
  private final Shade shade;
  private final Home home;
  private final TransferTracker tracker;

  /** @param home where the uploads persist, named in the resume command a pause prints */
  FileSender(Shade shade, Home home, TransferTracker tracker) {
    this.shade = shade;
    this.home = home;
    this.tracker = tracker;
  }

  /**
   * Sends {@code file} to {@code peer} and waits until the receiver verified it.
   *
   * @throws CliException after reporting it, when the transfer failed or paused
   */
  TransferResult send(Path file, Peer peer, int lanes, int chunkSizeBytes) {
    UploadHandle handle;
    long sizeBytes;
    try {
      Upload upload = Upload.to(peer).input(Input.file(file)).lanes(lanes)
          .chunkSizeBytes(chunkSizeBytes)
          .fileMetadata(FileMetadata.of(file.getFileName().toString(), null)).build();
      sizeBytes = size(file);
      handle = shade.upload(upload);
    } catch (RuntimeException e) {
      throw tracker.failBeforeStart(e);
    }
    return follow(handle, Sending.started(file, handle.streamId(), sizeBytes, lanes,
        peer.address()));
  }

  /**
   * Continues the persisted upload {@code streamId} from the unchanged {@code file}, and waits
   * until the receiver verified it.
   *
   * @throws CliException after reporting it: {@link ExitStatus#RESUME_REFUSED} when there is no
   *     state, or the file changed; otherwise as {@link #send}
   */
  TransferResult resume(StreamId streamId, Path file) {
    UploadHandle handle;
    ResumableUpload upload;
    try {
      upload = shade.resumableUploads().stream()
          .filter(s -> s.streamId().equals(streamId)).findFirst().map(ResumableUpload::new)
          .orElseThrow(() -> noState(streamId));
      tracker.expect(streamId, upload.totalBytes(), upload.ackedBytes(),
          upload.ackedThroughSeqs(), upload.sealedThroughSeqs());
      handle = shade.resumeUpload(streamId, Input.file(file));
    } catch (RuntimeException e) {
      throw tracker.failBeforeStart(e);
    }
    return follow(handle, new Sending(file, streamId, upload.totalBytes(), upload.lanes(),
        upload.state().peer(), System.nanoTime(), upload.ackedBytes(), Sending.Start.RESUMED));
  }

  private ResumeRefusedException noState(StreamId streamId) {
    return noState(home, streamId);
  }

  /** No upload {@code streamId} persisted in {@code home}. */
  static ResumeRefusedException noState(Home home, StreamId streamId) {
    return new ResumeRefusedException(ResumeRefusedException.Reason.NO_STATE, streamId,
        "no interrupted send of stream " + streamId.toBase64Url() + " in " + home.dir()
            + ": it finished, was pruned after the retention horizon, or was not sent from this"
            + " home (shade resume --list shows what can be resumed); send the file again");
  }

  private TransferResult follow(UploadHandle handle, Sending sending) {
    tracker.track(sending);
    try {
      TransferResult result = handle.done().join();
      tracker.awaitEnd(sending.streamId());
      tracker.complete(sending, result);
      return result;
    } catch (RuntimeException e) {
      tracker.awaitEnd(sending.streamId());
      CliException failure = Failures.explain(e);
      if (failure.getCause() instanceof TransferPausedException) {
        tracker.pause(sending, ResumableUpload.command(home, sending.streamId(), sending.file()));
      } else {
        tracker.fail(sending, failure);
      }
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
