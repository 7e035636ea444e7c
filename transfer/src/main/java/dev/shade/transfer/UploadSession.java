package dev.shade.transfer;

import dev.shade.streams.ControlMessage;
import dev.shade.streams.FinishFailure;
import dev.shade.streams.KeySchedule;
import dev.shade.streams.LaneSummary;
import dev.shade.streams.Partition;
import dev.shade.streams.ResumeQuery;
import dev.shade.streams.ResumeState;
import dev.shade.streams.SecretBytes;
import dev.shade.streams.StreamAbort;
import dev.shade.streams.StreamAccept;
import dev.shade.streams.StreamDecline;
import dev.shade.streams.StreamFinish;
import dev.shade.streams.StreamFinished;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamInit;
import dev.shade.streams.StreamKey;
import dev.shade.streams.StreamMetadata;
import dev.shade.streams.StreamStatus;
import dev.shade.streams.TransferIntegrityError;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The sending state machine of one upload:
 *
 * <pre>
 * INIT --accept--> SENDING --all lanes acked--> FINISHING --ok--> DONE
 *   |  \--decline/timeout--> FAILED        any state --abort/error--> FAILED
 * </pre>
 *
 * It runs on one worker thread; lanes run on their own threads; acks arrive on transport threads.
 */
final class UploadSession implements UploadHandle {
  private static final long FIRST_POLL_MS = 250;
  private static final long MAX_POLL_MS = 5_000;
  private final Upload upload;
  private final StreamId streamId;
  private final SecretBytes streamSecret;
  private final StreamMetadata metadata;
  private final ControlRequester control;
  private final MultiTransportFallback transport;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final RetryPolicy retryPolicy;
  private final EventDispatcher events;
  private final CompletableFuture<TransferResult> done = new CompletableFuture<>();
  private final List<LaneSender> lanes = new ArrayList<>();
  private volatile boolean stopped;
  private StreamKey streamKey;

  UploadSession(Upload upload, ControlRequester control, MultiTransportFallback transport,
      ExecutorService workers, ScheduledExecutorService scheduler, RetryPolicy retryPolicy,
      EventDispatcher events, SecureRandom random, Clock clock) {
    this.upload = upload;
    this.control = control;
    this.transport = transport;
    this.workers = workers;
    this.scheduler = scheduler;
    this.retryPolicy = retryPolicy;
    this.events = events;
    this.streamId = StreamId.random(random);
    this.streamSecret = KeySchedule.newStreamSecret(random);
    Long total = upload.input().knownSizeBytes().isPresent()
        ? upload.input().knownSizeBytes().getAsLong() : null;
    this.metadata = new StreamMetadata(total, upload.chunkSizeBytes(), clock.millis(),
        total == null ? Partition.ROUND_ROBIN : Partition.RANGE, upload.lanes(), upload.window(),
        upload.fileMetadata(), upload.userMetadata());
  }

  @Override
  public StreamId streamId() {
    return streamId;
  }

  @Override
  public CompletableFuture<TransferResult> done() {
    return done;
  }

  void start() {
    workers.execute(this::run);
  }

  private void run() {
    long startNanos = System.nanoTime();
    events.emit(l -> l.started(streamId, TransferListener.Direction.SEND, metadata));
    try {
      awaitAcceptance();
      events.emit(l -> l.accepted(streamId));
      streamKey = KeySchedule.deriveStreamKey(streamSecret, streamId);
      ChunkDelivery delivery = new ChunkDelivery(streamId, transport, scheduler, retryPolicy,
          events, this::laneFailed);
      AckSignal acks = new AckSignal();
      for (int i = 0; i < upload.lanes(); i++) {
        lanes.add(new LaneSender(dev.shade.streams.ChunkSealer.create(streamKey.laneKey(i), 0),
            upload.window(), upload.chunkSizeBytes(), delivery, acks::signal));
      }
      SentTotals totals = LaneFeeder.forInput(upload.input(), metadata, lanes, workers, events,
          streamId, acks).run();
      if (stopped) {
        return;
      }
      finish(totals, delivery.carriedBy(), startNanos);
    } catch (Throwable e) {
      fail(unwrap(e));
    } finally {
      destroyKeys();
    }
  }

  private void awaitAcceptance() throws InterruptedException {
    long deadline = System.nanoTime() + upload.acceptTimeout().toNanos();
    ControlMessage reply = request(new StreamInit(streamId, copy(streamSecret), metadata));
    long pollMs = FIRST_POLL_MS;
    while (true) {
      if (reply instanceof StreamAccept) {
        return;
      }
      if (reply instanceof StreamDecline) {
        throw new TransferDeclinedException(((StreamDecline) reply).reason());
      }
      if (!(reply instanceof ResumeState)) {
        throw new IllegalStateException("unexpected reply to stream-init: " + reply.kind());
      }
      ResumeState state = (ResumeState) reply;
      if (state.status() == StreamStatus.ACCEPTED || state.status() == StreamStatus.RECEIVING) {
        return;
      }
      if (state.status() == StreamStatus.DECLINED) {
        throw new TransferDeclinedException(state.reason());
      }
      if (state.status() != StreamStatus.PENDING) {
        throw new TransferAbortedException(String.valueOf(state.reason()), true);
      }
      if (System.nanoTime() + pollMs * 1_000_000 > deadline || stopped) {
        if (!stopped) {
          abortQuietly("no decision within " + upload.acceptTimeout());
        }
        throw new TransferAbortedException("the receiver did not decide within "
            + upload.acceptTimeout(), false);
      }
      Thread.sleep(pollMs);
      pollMs = Math.min(MAX_POLL_MS, pollMs * 2);
      reply = request(new ResumeQuery(streamId));
    }
  }

  private void finish(SentTotals totals, String carriedBy, long startNanos) {
    List<LaneSummary> summaries = new ArrayList<>();
    for (LaneSender lane : lanes) {
      summaries.add(lane.summary());
    }
    StreamFinish finish = new StreamFinish(streamId, totals.bytes(), totals.sha256(), summaries);
    ControlMessage reply = request(finish);
    if (!(reply instanceof StreamFinished)) {
      throw new IllegalStateException("unexpected reply to stream-finish: " + reply.kind());
    }
    StreamFinished finished = (StreamFinished) reply;
    if (!finished.ok()) {
      FinishFailure failure = finished.failure();
      throw TransferIntegrityError.stream(failure == null ? TransferIntegrityError.Check.OVERALL_SHA256
          : failure.check(), "the receiver refused the stream");
    }
    long durationMs = (System.nanoTime() - startNanos) / 1_000_000;
    TransferResult result = TransferResult.sent(streamId, totals.sha256(), totals.bytes(),
        durationMs, carriedBy);
    done.complete(result);
    events.emit(l -> l.verified(streamId, result));
  }

  private ControlMessage request(ControlMessage message) {
    Optional<ControlMessage> reply = control.request(upload.peer().address(), message);
    return reply.orElseThrow(() -> new IllegalStateException(
        "the receiver sent no reply to " + message.kind()));
  }

  @Override
  public void abort(String reason) {
    if (stopped || done.isDone()) {
      return;
    }
    stopped = true;
    TransferAbortedException aborted = new TransferAbortedException(reason, false);
    lanes.forEach(l -> l.fail(aborted));
    workers.execute(() -> abortQuietly(reason));
    if (done.completeExceptionally(aborted)) {
      events.emit(l -> l.aborted(streamId, reason));
    }
  }

  private void laneFailed(Throwable cause) {
    lanes.forEach(l -> l.fail(cause));
  }

  private void fail(Throwable failure) {
    Throwable error = explain(failure);
    lanes.forEach(l -> l.fail(error));
    if (done.completeExceptionally(error)) {
      if (!(error instanceof TransferDeclinedException)
          && !(error instanceof TransferAbortedException)) {
        abortQuietly("sender failed: " + error.getMessage());
      }
      events.emit(l -> l.failed(streamId, error));
    }
  }

  /**
   * A chunk refused as {@code wrong_state} usually means the receiver ended the stream: ask it
   * why, so the caller sees "aborted by the peer: disk full" rather than a status code.
   */
  private Throwable explain(Throwable failure) {
    if (!(failure instanceof dev.shade.transfer.spi.ChunkRejectedException)
        || ((dev.shade.transfer.spi.ChunkRejectedException) failure).errorCode()
            != dev.shade.streams.ErrorCode.WRONG_STATE) {
      return failure;
    }
    try {
      ControlMessage reply = request(new ResumeQuery(streamId));
      if (reply instanceof ResumeState && ((ResumeState) reply).status() == StreamStatus.ABORTED) {
        return new TransferAbortedException(((ResumeState) reply).reason(), true);
      }
    } catch (RuntimeException ignored) {
      // keep the original failure
    }
    return failure;
  }

  private void abortQuietly(String reason) {
    try {
      control.request(upload.peer().address(), new StreamAbort(streamId, truncate(reason)));
    } catch (RuntimeException ignored) {
      // best effort: the receiver's idle TTL removes the stream otherwise
    }
  }

  private void destroyKeys() {
    lanes.forEach(LaneSender::destroy);
    if (streamKey != null) {
      streamKey.destroy();
    }
    streamSecret.destroy();
  }

  private static SecretBytes copy(SecretBytes secret) {
    byte[] bytes = secret.toByteArray();
    try {
      return SecretBytes.copyOf(bytes);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
  }

  private static String truncate(String reason) {
    String r = reason == null ? "aborted" : reason;
    return r.length() > 500 ? r.substring(0, 500) : r;
  }

  private static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof LaneSender.LaneFailedException
        || t instanceof java.util.concurrent.CompletionException
        || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
