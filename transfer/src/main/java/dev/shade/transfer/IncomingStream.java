package dev.shade.transfer;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.ChunkLayout;
import dev.shade.streams.ChunkOpener;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.FinishFailure;
import dev.shade.streams.KeySchedule;
import dev.shade.streams.LaneProgress;
import dev.shade.streams.LaneSummary;
import dev.shade.streams.LaneWindow;
import dev.shade.streams.Partition;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.ResumeState;
import dev.shade.streams.ShadeException;
import dev.shade.streams.StreamFinish;
import dev.shade.streams.StreamFinished;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamInit;
import dev.shade.streams.StreamKey;
import dev.shade.streams.StreamMetadata;
import dev.shade.streams.StreamStatus;
import dev.shade.streams.TransferIntegrityError;
import dev.shade.transfer.control.Verification;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkReceiver.AdmittedChunk;
import dev.shade.transfer.spi.LaneState;
import dev.shade.transfer.spi.StreamStateView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import dev.shade.streams.SecretBytes;
import dev.shade.transfer.spi.LaneCheckpoint;
import dev.shade.transfer.spi.PersistedStreamState;
import dev.shade.transfer.spi.ResumeStore;
import java.time.Clock;

/**
 * One stream arriving at this node: the receiving state machine.
 *
 * <pre>
 * PENDING --accept--> ACCEPTED --finish ok--> COMPLETE
 *    |                   |  \--finish failed--> FAILED
 *    \--decline--> DECLINED  \--abort (either side)--> ABORTED
 * </pre>
 *
 * Transitions happen under the stream's lock, in {@link #moveTo} only. Chunk delivery holds only
 * its lane's lock, so lanes decrypt and write in parallel.
 */
final class IncomingStream implements IncomingTransfer {
  enum State {
    PENDING,
    ACCEPTED,
    COMPLETE,
    DECLINED,
    ABORTED,
    FAILED
  }

  private final StreamInit init;
  private final PeerAddress sender;
  private final Verification verification;
  private final ReceiverSettings settings;
  private final EventDispatcher events;
  private final StreamGeometry geometry;
  private final ChunkLayout layout;
  private final Object[] laneLocks;
  private final CompletableFuture<TransferResult> done = new CompletableFuture<>();
  private final CompletableFuture<Void> decided = new CompletableFuture<>();
  /** Written under the stream's lock; read without it where a stale answer is re-checked later. */
  private volatile State state = State.PENDING;
  private String endReason;
  private StreamKey streamKey;
  private ChunkOpener opener;
  /** Body buffers lent to routes; set before the stream turns ACCEPTED (a volatile write). */
  private BufferPool bodies;
  private LaneWindow[] windows;
  private ChunkSink sink;
  private volatile boolean anyChunk;
  private long acceptedAtNanos;
  /** Set with the sink when the stream is persisted; null otherwise. */
  private volatile ReceiveJournal journal;
  private final Persistence persistence;

  /** Where accepted streams are persisted, with the sealer for their secrets. */
  record Persistence(ResumeStore store, StreamSecretSealer sealer, Clock clock) {}

  IncomingStream(StreamInit init, PeerAddress sender, Verification verification,
      ReceiverSettings settings, EventDispatcher events) {
    this(init, sender, verification, settings, events, null);
  }

  IncomingStream(StreamInit init, PeerAddress sender, Verification verification,
      ReceiverSettings settings, EventDispatcher events, Persistence persistence) {
    this.persistence = persistence;
    this.init = init;
    this.sender = sender;
    this.verification = verification;
    this.settings = settings;
    this.events = events;
    StreamMetadata m = init.metadata();
    this.geometry = StreamGeometry.of(m);
    this.layout = m.partition() == Partition.RANGE
        ? ChunkLayout.range(m.totalBytes(), m.lanes(), m.chunkSizeBytes())
        : ChunkLayout.roundRobin(m.lanes(), m.chunkSizeBytes());
    this.laneLocks = new Object[m.lanes()];
    for (int i = 0; i < laneLocks.length; i++) {
      laneLocks[i] = new Object();
    }
  }

  @Override
  public StreamId streamId() {
    return init.streamId();
  }

  @Override
  public PeerAddress sender() {
    return sender;
  }

  @Override
  public Verification senderVerification() {
    return verification;
  }

  @Override
  public StreamMetadata metadata() {
    return init.metadata();
  }

  StreamInit init() {
    return init;
  }

  CompletableFuture<Void> decided() {
    return decided;
  }

  @Override
  public CompletableFuture<TransferResult> done() {
    return done;
  }

  @Override
  public CompletableFuture<TransferResult> accept(Output output) {
    ChunkSink newSink;
    try {
      newSink = Sinks.open(output, this, settings);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the output for " + streamId(), e);
    }
    synchronized (this) {
      if (state != State.PENDING) {
        newSink.discard();
        throw new IllegalStateException("stream " + streamId() + " is already " + state);
      }
      LaneWindow[] fresh = new LaneWindow[metadata().lanes()];
      for (int i = 0; i < fresh.length; i++) {
        fresh[i] = LaneWindow.create(i, metadata().window());
      }
      try {
        journal = persist(newSink, fresh);
      } catch (RuntimeException e) {
        newSink.discard();
        throw e;
      }
      open(newSink, fresh);
      moveTo(State.ACCEPTED, null);
    }
    events.emit(l -> l.accepted(streamId()));
    decided.complete(null);
    return done;
  }

  /** Keys, buffers and windows of a stream that receives into {@code newSink}. */
  private void open(ChunkSink newSink, LaneWindow[] laneWindows) {
    streamKey = KeySchedule.deriveStreamKey(init.streamSecret(), streamId());
    opener = ChunkOpener.create(streamKey, metadata().lanes(),
        metadata().chunkSizeBytes() + (long) ChunkHeader.TAG_SIZE_BYTES);
    bodies = new BufferPool(largestChunkBytes() + ChunkHeader.TAG_SIZE_BYTES,
        metadata().lanes() * metadata().window());
    windows = laneWindows;
    sink = newSink;
    acceptedAtNanos = System.nanoTime();
  }

  /** The chunk size, or the whole stream when it is smaller and its size is known. */
  private int largestChunkBytes() {
    Long total = metadata().totalBytes();
    return total == null ? metadata().chunkSizeBytes()
        : (int) Math.max(1, Math.min(metadata().chunkSizeBytes(), total));
  }

  /** Inserts the stream's state when it can be resumed: a file of known size, and a store. */
  private ReceiveJournal persist(ChunkSink newSink, LaneWindow[] laneWindows) {
    if (persistence == null || !(newSink instanceof FileSink)
        || metadata().partition() != Partition.RANGE) {
      return null;
    }
    FileSink file = (FileSink) newSink;
    List<LaneCheckpoint> lanes = new ArrayList<>();
    for (int i = 0; i < metadata().lanes(); i++) {
      lanes.add(LaneCheckpoint.empty(i));
    }
    PersistedStreamState state = new PersistedStreamState(streamId(),
        PersistedStreamState.Direction.RECEIVE, sender, PersistedStreamState.Status.ACTIVE,
        metadata(), lanes, persistence.sealer().seal(init.streamSecret(), streamId(),
            PersistedStreamState.Direction.RECEIVE), file.partialPath().toString(),
        file.targetPath().toString(), persistence.clock().instant());
    if (!persistence.store().insert(state)) {
      persistence.store().update(state);
    }
    return new ReceiveJournal(persistence.store(), persistence.clock(), state, file, laneWindows,
        laneLocks);
  }

  /**
   * A stream persisted before a restart: ACTIVE states continue receiving into their partial
   * file, COMPLETE ones answer queries and repeated finishes. Lanes whose acknowledged chunks lie
   * beyond the end of the partial file (it was truncated) fall back to what the file holds, and
   * the sender sends the rest again.
   */
  static IncomingStream restore(PersistedStreamState state, SecretBytes secret,
      Verification verification, ReceiverSettings settings, EventDispatcher events,
      Persistence persistence) throws IOException {
    StreamMetadata m = state.metadata();
    IncomingStream stream = new IncomingStream(new StreamInit(state.streamId(), secret, m),
        state.peer(), verification, settings, events, persistence);
    dev.shade.streams.RangePlan plan = dev.shade.streams.RangePlan.create(m.totalBytes(),
        m.lanes(), m.chunkSizeBytes());
    synchronized (stream) {
      if (state.status() == PersistedStreamState.Status.COMPLETE) {
        LaneWindow[] done = new LaneWindow[m.lanes()];
        for (int i = 0; i < done.length; i++) {
          long last = plan.chunkCount(i) - 1;
          done[i] = LaneWindow.resume(i, m.window(), last, last);
        }
        stream.windows = done;
        stream.state = State.COMPLETE;
        stream.init.streamSecret().destroy();
        stream.decided.complete(null);
        return stream;
      }
      FileSink sink = FileSink.reopen(java.nio.file.Path.of(state.location()),
          java.nio.file.Path.of(state.target()));
      long size = sink.sizeBytes();
      LaneWindow[] restored = new LaneWindow[m.lanes()];
      List<LaneCheckpoint> lanes = new ArrayList<>();
      for (int i = 0; i < restored.length; i++) {
        LaneCheckpoint saved = state.lanes().get(i);
        long acked = Math.min(saved.lastSeqAcked(), plan.chunkCount(i) - 1);
        while (acked >= 0 && !onDisk(plan, i, acked, size)) {
          acked--;
        }
        long ahead = acked == saved.lastSeqAcked() ? heldAhead(plan, i, acked, saved, size) : 0;
        long last = plan.chunkCount(i) - 1;
        boolean lastArrived = acked == last
            || (last - acked - 1 < Long.SIZE && (ahead & (1L << (last - acked - 1))) != 0);
        restored[i] = LaneWindow.resume(i, m.window(), acked, lastArrived ? last : -1, ahead);
        lanes.add(saved.withReceived(acked, ahead));
        stream.anyChunk |= acked >= 0 || ahead != 0;
      }
      stream.open(sink, restored);
      stream.journal = new ReceiveJournal(persistence.store(), persistence.clock(),
          state.withLanes(lanes, state.updatedAt()), sink, restored, stream.laneLocks);
      stream.state = State.ACCEPTED;
      stream.decided.complete(null);
      return stream;
    }
  }

  /** Whether chunk {@code seq} of lane {@code laneId} lies within the partial file's data. */
  private static boolean onDisk(dev.shade.streams.RangePlan plan, int laneId, long seq,
      long sizeBytes) {
    dev.shade.streams.ChunkSpec spec = plan.chunk(laneId, seq);
    return spec.offset() + spec.lengthBytes() <= sizeBytes;
  }

  /** The saved chunks beyond a lane's gap that exist in the lane and in the partial file. */
  private static long heldAhead(dev.shade.streams.RangePlan plan, int laneId, long acked,
      LaneCheckpoint saved, long sizeBytes) {
    long ahead = saved.aheadMask() & ~1L;
    for (int bit = 1; bit < Long.SIZE; bit++) {
      long seq = acked + 1 + bit;
      if ((ahead & (1L << bit)) != 0
          && (seq >= plan.chunkCount(laneId) || !onDisk(plan, laneId, seq, sizeBytes))) {
        ahead &= ~(1L << bit);
      }
    }
    return ahead;
  }

  @Override
  public void decline(String reason) {
    synchronized (this) {
      if (state != State.PENDING) {
        throw new IllegalStateException("stream " + streamId() + " is already " + state);
      }
      moveTo(State.DECLINED, reason);
    }
    decided.complete(null);
    done.completeExceptionally(new TransferDeclinedException(reason));
    events.emit(l -> l.failed(streamId(), new TransferDeclinedException(reason)));
  }

  @Override
  public void abort(String reason) {
    end(State.ABORTED, reason, new TransferAbortedException(reason, false));
  }

  void abortedByPeer(String reason) {
    end(State.ABORTED, reason, new TransferAbortedException(reason, true));
  }

  private void end(State terminal, String reason, Throwable error) {
    synchronized (this) {
      if (state != State.PENDING && state != State.ACCEPTED) {
        return;
      }
      moveTo(terminal, reason);
    }
    decided.complete(null);
    done.completeExceptionally(error);
    events.emit(l -> l.aborted(streamId(), reason));
  }

  /** Checks 4 and 5 of DESIGN.md for a header that passed 1–3. */
  AdmittedChunk admit(ChunkHeader header) {
    if (header.laneId() >= metadata().lanes()) {
      throw new dev.shade.streams.ShadeFormatException("laneId", "lane " + header.laneId()
          + " outside the stream's " + metadata().lanes() + " lanes");
    }
    long cap = metadata().chunkSizeBytes() + (long) ChunkHeader.TAG_SIZE_BYTES;
    if (header.ctLenBytes() > cap) {
      throw new dev.shade.streams.ChunkTooLargeException(header.ctLenBytes(), cap);
    }
    checkReceiving();
    return new Admitted(this, header);
  }

  /**
   * Lock-free on purpose: {@link #admit} runs on an event loop, and {@link #finish} holds the
   * stream's lock while it reads the whole stream back. {@link #deliver} checks again.
   */
  private void checkReceiving() {
    State now = state;
    if (now != State.ACCEPTED) {
      throw new StreamStateException("stream " + streamId() + " is " + now.name().toLowerCase()
          + ", not receiving");
    }
  }

  /**
   * Checks 6–8, writes, acknowledges {@code body[0, length)}, which it decrypts in place. Blocking:
   * decrypts and writes.
   */
  ChunkAck deliver(ChunkHeader header, byte[] headerBytes, byte[] body, int length) {
    checkReceiving();
    int plaintextBytes = opener.openInPlace(header, headerBytes, body, length);
    int lane = header.laneId();
    boolean duplicate;
    synchronized (laneLocks[lane]) {
      checkReceiving();
      LaneWindow window = windows[lane];
      duplicate = window.check(header.seq(), header.isLast()) == LaneWindow.Admission.DUPLICATE;
      if (!duplicate) {
        write(lane, header, body, plaintextBytes, window);
      }
    }
    awaitDurable();
    return new ChunkAck(streamId(), lane, header.seq(), duplicate);
  }

  /** Writes and records a new chunk; under its lane's lock. */
  private void write(int lane, ChunkHeader header, byte[] body, int plaintextBytes,
      LaneWindow window) {
    layout.check(lane, header.seq(), plaintextBytes, header.isLast());
    try {
      if (!sink.write(lane, geometry.offset(lane, header.seq()), body, plaintextBytes)) {
        throw new OverloadedException("reorder buffer full; retry later");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the sink of " + streamId(), e);
    }
    window.record(header.seq(), header.isLast());
    anyChunk = true;
    events.emit(l -> l.chunkAcked(streamId(), lane, header.seq(), plaintextBytes, "receive"));
    if (window.isComplete()) {
      events.emit(l -> l.laneFinished(streamId(), lane));
    }
  }

  /** With a journal, waits until the chunks recorded so far are durable; outside lane locks. */
  private void awaitDurable() {
    ReceiveJournal j = journal;
    if (j != null) {
      j.awaitDurable();
    }
  }

  /**
   * Verifies a {@code stream-finish}; publishes on success.
   *
   * @throws StreamStateException {@code incomplete} while a lane has gaps; {@code wrong_state}
   *     when the stream is not receiving (or failed before)
   */
  synchronized StreamFinished finish(StreamFinish finish) {
    if (state == State.COMPLETE) {
      return new StreamFinished(streamId(), true, null);
    }
    if (state != State.ACCEPTED) {
      throw new StreamStateException("stream " + streamId() + " is " + state.name().toLowerCase());
    }
    for (LaneWindow w : windows) {
      if (!w.isComplete()) {
        throw new StreamStateException(ErrorCode.INCOMPLETE, "lane " + w.laneId()
            + " is incomplete (lastSeqAcked " + w.lastSeqAcked() + ")");
      }
    }
    StreamDigests digests;
    try {
      digests = sink.digests(geometry);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back " + streamId(), e);
    }
    Optional<TransferIntegrityError> failure = FinishVerifier.verify(finish, init.metadata(),
        windows, digests);
    if (failure.isPresent()) {
      TransferIntegrityError error = failure.get();
      moveTo(State.FAILED, error.getMessage());
      done.completeExceptionally(error);
      events.emit(l -> l.failed(streamId(), error));
      return new StreamFinished(streamId(), false, FinishFailure.of(error.check()));
    }
    Optional<Path> path;
    try {
      path = sink.publish();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot publish " + streamId(), e);
    }
    long durationMs = (System.nanoTime() - acceptedAtNanos) / 1_000_000;
    TransferResult result = new TransferResult(streamId(), digests.sha256(), digests.totalBytes(),
        durationMs, "receive", path, sink.content().map(java.nio.ByteBuffer::wrap));
    moveTo(State.COMPLETE, null);
    if (journal != null) {
      journal.complete();
    }
    done.complete(result);
    events.emit(l -> l.verified(streamId(), result));
    return new StreamFinished(streamId(), true, null);
  }

  synchronized ResumeState resumeState() {
    return new ResumeState(streamId(), status(), reasonFor(status()), laneProgress());
  }

  synchronized StreamStateView stateView() {
    List<LaneState> lanes = new ArrayList<>();
    for (LaneProgress p : laneProgress()) {
      lanes.add(new LaneState(p.laneId(), p.lastSeqAcked()));
    }
    return new StreamStateView(streamId(), status(), lanes);
  }

  synchronized boolean isEnded() {
    return state != State.PENDING && state != State.ACCEPTED;
  }

  private List<LaneProgress> laneProgress() {
    List<LaneProgress> lanes = new ArrayList<>();
    for (int i = 0; i < metadata().lanes(); i++) {
      long acked;
      ReceiveJournal j = journal;
      if (j != null && state == State.ACCEPTED) {
        acked = j.durableAcked(i);
      } else {
        synchronized (laneLocks[i]) {
          acked = windows == null ? -1 : windows[i].lastSeqAcked();
        }
      }
      lanes.add(new LaneProgress(i, acked));
    }
    return lanes;
  }

  private StreamStatus status() {
    switch (state) {
      case PENDING:
        return StreamStatus.PENDING;
      case ACCEPTED:
        return anyChunk ? StreamStatus.RECEIVING : StreamStatus.ACCEPTED;
      case COMPLETE:
        return StreamStatus.COMPLETE;
      case DECLINED:
        return StreamStatus.DECLINED;
      default:
        return StreamStatus.ABORTED;
    }
  }

  private String reasonFor(StreamStatus status) {
    return status == StreamStatus.DECLINED || status == StreamStatus.ABORTED
        ? (endReason == null ? "aborted" : endReason) : null;
  }

  /** The one place state changes; ending states release keys and partial data. */
  private void moveTo(State next, String reason) {
    boolean allowed;
    switch (state) {
      case PENDING:
        allowed = next == State.ACCEPTED || next == State.DECLINED || next == State.ABORTED;
        break;
      case ACCEPTED:
        allowed = next == State.COMPLETE || next == State.FAILED || next == State.ABORTED;
        break;
      default:
        allowed = false;
    }
    if (!allowed) {
      throw new IllegalStateException("stream " + streamId() + ": " + state + " -> " + next);
    }
    state = next;
    endReason = reason;
    if (next != State.ACCEPTED) {
      if (next != State.COMPLETE && sink != null) {
        sink.discard();
        if (journal != null) {
          journal.delete();
        }
      }
      if (opener != null) {
        opener.destroy();
        bodies.close();
      }
      if (streamKey != null) {
        streamKey.destroy();
      }
      init.streamSecret().destroy();
    }
  }

  /** A header that passed checks 1–5, bound to its stream. */
  /** An admitted header; lends one of the stream's body buffers to the route that reads the body. */
  static final class Admitted implements AdmittedChunk {
    private final IncomingStream stream;
    private final ChunkHeader header;
    private byte[] lent;

    Admitted(IncomingStream stream, ChunkHeader header) {
      this.stream = stream;
      this.header = header;
    }

    IncomingStream stream() {
      return stream;
    }

    ChunkHeader header() {
      return header;
    }

    @Override
    public int bodyBytes() {
      return header.ctLenBytes();
    }

    @Override
    public synchronized byte[] bodyBuffer() {
      if (lent == null) {
        // a body larger than any chunk of the stream still gets room (up to the chunk size, as
        // admit checked): it is refused after reading, as check 8 of DESIGN.md says
        lent = bodyBytes() <= stream.bodies.bufferBytes() ? stream.bodies.take()
            : new byte[bodyBytes()];
      }
      return lent;
    }

    /** Takes back the lent buffer once {@code body} (if it is that buffer) is no longer needed. */
    synchronized void recycle(byte[] body) {
      if (lent != null && body == lent) {
        stream.bodies.give(lent);
      }
      lent = null;
    }
  }

  /** 409 {@code wrong_state} or {@code incomplete}. */
  static final class StreamStateException extends ShadeException {
    StreamStateException(String message) {
      super(ErrorCode.WRONG_STATE, message);
    }

    StreamStateException(ErrorCode code, String message) {
      super(code, message);
    }
  }

  /** 503 {@code overloaded}: the sink cannot take the chunk now. */
  static final class OverloadedException extends ShadeException {
    OverloadedException(String message) {
      super(ErrorCode.OVERLOADED, message);
    }
  }
}
