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
  /** A safety net: each resync needs the receiver to have lost chunks, i.e. to have restarted. */
  private static final int MAX_RESYNCS = 64;
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
  private final List<LaneSender> lanes = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Clock clock;
  /** Null for a fresh upload; set when this session continues a persisted one. */
  private final UploadJournal resumedJournal;
  private final Durable durable;
  private volatile boolean stopped;
  private volatile boolean paused;
  private final java.util.concurrent.atomic.AtomicLong ackedChunks =
      new java.util.concurrent.atomic.AtomicLong();
  private StreamKey streamKey;
  private volatile UploadJournal journal;

  /** Where uploads are persisted, and the sealer for their secrets; both null without a store. */
  record Durable(dev.shade.transfer.spi.ResumeStore store, StreamSecretSealer sealer) {
    static final Durable NONE = new Durable(null, null);
  }

  /** What every upload of a node shares. */
  record Runtime(ControlRequester control, ExecutorService workers,
      ScheduledExecutorService scheduler, RetryPolicy retryPolicy, EventDispatcher events,
      Clock clock, Durable durable) {}

  /** A new upload with a fresh stream id and secret. */
  UploadSession(Upload upload, MultiTransportFallback transport, Runtime runtime,
      SecureRandom random) {
    this(upload, StreamId.random(random), KeySchedule.newStreamSecret(random),
        metadataOf(upload, runtime.clock()), null, transport, runtime);
  }

  /** Continues the persisted upload {@code state}, whose secret was opened into {@code secret}. */
  UploadSession(Upload upload, dev.shade.transfer.spi.PersistedStreamState state,
      SecretBytes secret, MultiTransportFallback transport, Runtime runtime) {
    this(upload, state.streamId(), secret, state.metadata(),
        UploadJournal.reopen(runtime.durable().store(), state, runtime.clock()), transport,
        runtime);
  }

  private UploadSession(Upload upload, StreamId streamId, SecretBytes streamSecret,
      StreamMetadata metadata, UploadJournal resumedJournal, MultiTransportFallback transport,
      Runtime runtime) {
    this.upload = upload;
    this.streamId = streamId;
    this.streamSecret = streamSecret;
    this.metadata = metadata;
    this.resumedJournal = resumedJournal;
    this.transport = transport;
    this.control = runtime.control();
    this.workers = runtime.workers();
    this.scheduler = runtime.scheduler();
    this.retryPolicy = runtime.retryPolicy();
    this.events = runtime.events();
    this.clock = runtime.clock();
    this.durable = runtime.durable();
  }

  private static StreamMetadata metadataOf(Upload upload, Clock clock) {
    Long total = upload.input().knownSizeBytes().isPresent()
        ? upload.input().knownSizeBytes().getAsLong() : null;
    return new StreamMetadata(total, upload.chunkSizeBytes(), clock.millis(),
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

  /**
   * Persists a new upload's state on the caller's thread, so that an upload whose handle exists
   * can always be paused and resumed, then runs it on a worker.
   *
   * @throws RuntimeException when the state cannot be persisted, or the node is closing and its
   *     workers take no more work; the keys are destroyed then
   */
  void start() {
    try {
      journal = resumedJournal != null ? resumedJournal
          : durable.store() == null || metadata.partition() != Partition.RANGE
              ? UploadJournal.inMemory(metadata, clock)
              : UploadJournal.begin(durable.store(), durable.sealer(), streamId,
                  upload.peer().address(), metadata, streamSecret, location(),
                  upload.peer().baseUrl().toString(), clock);
      workers.execute(this::run);
    } catch (RuntimeException e) {
      destroyKeys();
      throw e;
    }
  }

  private void run() {
    long startNanos = System.nanoTime();
    events.emit(l -> l.started(streamId, TransferListener.Direction.SEND, metadata));
    try {
      List<ResumePlan.LaneStart> starts;
      if (resumedJournal == null) {
        awaitAcceptance(request(new StreamInit(streamId, copy(streamSecret), metadata)));
        starts = ResumePlan.fresh(metadata.lanes());
      } else {
        starts = resumePoint(awaitAcceptance(queryReceiver()));
      }
      journal.accepted();
      events.emit(l -> l.accepted(streamId));
      streamKey = KeySchedule.deriveStreamKey(streamSecret, streamId);
      ChunkDelivery delivery = new ChunkDelivery(streamId, transport, scheduler, retryPolicy,
          events, this::laneFailed);
      int resyncs = 0;
      long failingSinceNanos = 0;
      long ackedAtFailure = -1;
      while (true) {
        try {
          SentTotals totals = sendFrom(starts, delivery);
          if (stopped) {
            return;
          }
          finish(totals, delivery.carriedBy(), startNanos);
          break;
        } catch (Throwable e) {
          Throwable cause = unwrap(e);
          if (stopped || metadata.partition() != Partition.RANGE) {
            throw cause;
          }
          if (isTransient(cause)) {
            // Give up when failures repeat for the retry budget without a single new ack.
            if (ackedChunks.get() != ackedAtFailure) {
              failingSinceNanos = System.nanoTime();
              ackedAtFailure = ackedChunks.get();
            } else if (System.nanoTime() - failingSinceNanos
                > retryPolicy.transientBudget().toNanos()) {
              throw cause;
            }
            starts = reconnect(cause);
          } else if (suggestsLostChunks(cause) && resyncs++ < MAX_RESYNCS) {
            starts = resyncAfterLoss(cause);
          } else {
            throw cause;
          }
        }
      }
    } catch (Throwable e) {
      Throwable cause = paused ? new TransferPausedException(streamId) : unwrap(e);
      if (!stopped && !keepsState(cause)) {
        journal.close();
      }
      fail(cause);
    } finally {
      destroyKeys();
    }
  }

  /** Sends every lane from its start to its end; returns once every chunk is acknowledged. */
  private SentTotals sendFrom(List<ResumePlan.LaneStart> starts, ChunkDelivery delivery)
      throws Exception {
    destroyLanes();
    lanes.clear();
    AckSignal acks = new AckSignal();
    for (ResumePlan.LaneStart start : starts) {
      lanes.add(new LaneSender(
          dev.shade.streams.ChunkSealer.create(streamKey.laneKey(start.laneId()), start.nextSeq()),
          start.hasher(), upload.window(), upload.chunkSizeBytes(), delivery, () -> {
            ackedChunks.incrementAndGet();
            acks.signal();
          }, journal));
    }
    if (stopped) {
      throw new TransferAbortedException("aborted", false);
    }
    return LaneFeeder.forInput(upload.input(), metadata, lanes, workers, events, streamId, acks)
        .run();
  }

  /**
   * The network failed for longer than the retry budget: waits (for the same budget again) until
   * the receiver answers, then continues from what it holds, after proving the input unchanged.
   */
  private List<ResumePlan.LaneStart> reconnect(Throwable cause) throws Throwable {
    long deadline = System.nanoTime() + retryPolicy.transientBudget().toNanos();
    long pollMs = FIRST_POLL_MS;
    while (!stopped) {
      try {
        return resumePoint(queryReceiver());
      } catch (ResumeRefusedException e) {
        throw e;
      } catch (RuntimeException e) {
        if (System.nanoTime() + pollMs * 1_000_000 > deadline) {
          throw cause;
        }
      }
      Thread.sleep(pollMs);
      pollMs = Math.min(MAX_POLL_MS, pollMs * 2);
    }
    throw new TransferAbortedException("aborted", false);
  }

  /**
   * A chunk refused as outside the receiver's window, or a finish refused as incomplete: the
   * receiver may lack chunks it acknowledged, which this upload will not send again by itself. A
   * receiver restarted from a state older than its acknowledgements does (one written before
   * chunks beyond a gap were persisted, or whose partial file lost its tail).
   */
  private static boolean suggestsLostChunks(Throwable cause) {
    return cause instanceof dev.shade.transfer.spi.ChunkRejectedException
        && ((dev.shade.transfer.spi.ChunkRejectedException) cause).errorCode()
            == dev.shade.streams.ErrorCode.MALFORMED
        || cause instanceof dev.shade.transfer.control.ControlException
        && ((dev.shade.transfer.control.ControlException) cause).errorCode()
            == dev.shade.streams.ErrorCode.INCOMPLETE;
  }

  /**
   * Continues from what the receiver holds, as a resume does, when it lacks a chunk this upload
   * counted as acknowledged; otherwise the refusal stands and {@code cause} is thrown.
   */
  private List<ResumePlan.LaneStart> resyncAfterLoss(Throwable cause) throws Throwable {
    long[] believedAcked = new long[metadata.lanes()];
    for (LaneSender lane : lanes) {
      believedAcked[lane.laneId()] = lane.lowestUnackedSeq();
    }
    List<ResumePlan.LaneStart> starts = resumePoint(queryReceiver());
    for (ResumePlan.LaneStart start : starts) {
      if (start.nextSeq() < believedAcked[start.laneId()]) {
        return starts;
      }
    }
    throw cause;
  }

  /** Asks the receiver where the stream stands; an unknown stream cannot be resumed. */
  private ControlMessage queryReceiver() {
    try {
      return request(new ResumeQuery(streamId));
    } catch (dev.shade.transfer.control.ControlException e) {
      if (e.errorCode() == dev.shade.streams.ErrorCode.UNKNOWN_STREAM) {
        throw new ResumeRefusedException(ResumeRefusedException.Reason.RECEIVER_LOST_STREAM,
            streamId, "the receiver has no state for stream " + streamId + " (it restarted "
                + "without keeping it, pruned it, or never accepted it); start a new transfer");
      }
      throw e;
    }
  }

  /**
   * A failure the network may heal: the upload waits for the receiver and continues. A transport
   * the receiver refuses outright is not one (the fallback had none left to try).
   */
  private static boolean isTransient(Throwable cause) {
    return (cause instanceof dev.shade.transfer.spi.TransferTransportError
            && ((dev.shade.transfer.spi.TransferTransportError) cause).kind()
                != dev.shade.transfer.spi.TransferTransportError.Kind.TRANSPORT_REFUSED)
        || cause instanceof java.io.UncheckedIOException
        || (cause instanceof dev.shade.transfer.spi.ChunkRejectedException
            && ((dev.shade.transfer.spi.ChunkRejectedException) cause).isRetryable());
  }

  /**
   * Whether a failed upload keeps its persisted state (and leaves the receiver's stream open), so
   * that {@code resumeUpload} can continue it: the network, or an input that changed (put back, it
   * resumes).
   */
  private static boolean keepsState(Throwable cause) {
    return isTransient(cause) || cause instanceof TransferPausedException
        || (cause instanceof ResumeRefusedException
            && ((ResumeRefusedException) cause).reason() == ResumeRefusedException.Reason.INPUT_CHANGED);
  }

  /** The input file, for {@code shade resume}; null for other inputs. */
  private String location() {
    return upload.input() instanceof Input.FileInput
        ? ((Input.FileInput) upload.input()).path().toAbsolutePath().toString() : null;
  }

  /** Lane starts from the receiver's answer to a resume query, verified against the input. */
  private List<ResumePlan.LaneStart> resumePoint(ControlMessage reply) throws Exception {
    if (!(reply instanceof ResumeState)) {
      throw new IllegalStateException("unexpected reply to stream-resume-query: " + reply.kind());
    }
    ResumeState state = (ResumeState) reply;
    switch (state.status()) {
      case ACCEPTED:
      case RECEIVING:
      case COMPLETE:
        break;
      default:
        throw new ResumeRefusedException(ResumeRefusedException.Reason.RECEIVER_LOST_STREAM,
            streamId, "the receiver " + state.status().name().toLowerCase()
                + " stream " + streamId + (state.reason() == null ? "" : ": " + state.reason()));
    }
    long[] acked = new long[metadata.lanes()];
    for (var lane : state.lanes()) {
      if (lane.laneId() < 0 || lane.laneId() >= acked.length) {
        throw new IllegalStateException("the receiver reported lane " + lane.laneId());
      }
      acked[lane.laneId()] = lane.lastSeqAcked();
    }
    if (state.lanes().size() != acked.length) {
      throw new IllegalStateException("the receiver reported " + state.lanes().size()
          + " lanes, the stream has " + acked.length);
    }
    List<ResumePlan.LaneStart> starts = ResumePlan.verify(upload.input(), metadata, streamId,
        journal, acked, workers);
    journal.receiverAcked(acked);
    return starts;
  }

  /** Waits for the receiver's decision; returns the reply that reported it accepted. */
  private ControlMessage awaitAcceptance(ControlMessage first) throws InterruptedException {
    long deadline = System.nanoTime() + upload.acceptTimeout().toNanos();
    ControlMessage reply = first;
    long pollMs = FIRST_POLL_MS;
    while (true) {
      if (reply instanceof StreamAccept) {
        return reply;
      }
      if (reply instanceof StreamDecline) {
        throw new TransferDeclinedException(((StreamDecline) reply).reason());
      }
      if (!(reply instanceof ResumeState)) {
        throw new IllegalStateException("unexpected reply to stream-init: " + reply.kind());
      }
      ResumeState state = (ResumeState) reply;
      if (state.status() == StreamStatus.ACCEPTED || state.status() == StreamStatus.RECEIVING
          || state.status() == StreamStatus.COMPLETE) {
        return reply;
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
    journal.close();
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
    workers.execute(() -> {
      abortQuietly(reason);
      journal.close();
    });
    if (done.completeExceptionally(aborted)) {
      events.emit(l -> l.aborted(streamId, reason));
    }
  }

  /**
   * Stops the upload without ending the stream: the node is closing. The state stays for {@code
   * resumeUpload}; the receiver is not told to abort.
   */
  void pause() {
    if (stopped || done.isDone()) {
      return;
    }
    paused = true;
    stopped = true;
    TransferPausedException pausedError = new TransferPausedException(streamId);
    lanes.forEach(l -> l.fail(pausedError));
    if (done.completeExceptionally(pausedError)) {
      events.emit(l -> l.failed(streamId, pausedError));
    }
  }

  /** Fails every lane of the current attempt when one of them failed; stale lanes are ignored. */
  private void laneFailed(LaneSender failed, Throwable cause) {
    if (lanes.contains(failed)) {
      lanes.forEach(l -> l.fail(cause));
    }
  }

  private void fail(Throwable failure) {
    Throwable error = explain(failure);
    lanes.forEach(l -> l.fail(error));
    if (done.completeExceptionally(error)) {
      if (!(error instanceof TransferDeclinedException)
          && !(error instanceof TransferAbortedException) && !keepsState(error)) {
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

  private void destroyLanes() {
    lanes.forEach(LaneSender::destroy);
  }

  private void destroyKeys() {
    destroyLanes();
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
