package dev.shade.transfer;

import dev.shade.streams.ChunkHeader;
import dev.shade.streams.ChunkTooLargeException;
import dev.shade.streams.ControlMessage;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.PeerAddress;
import dev.shade.streams.ResumeQuery;
import dev.shade.streams.ShadeException;
import dev.shade.streams.ShadeFormatException;
import dev.shade.streams.Sha256;
import dev.shade.streams.StreamAbort;
import dev.shade.streams.StreamAccept;
import dev.shade.streams.StreamControlMessage;
import dev.shade.streams.StreamDecline;
import dev.shade.streams.StreamFinish;
import dev.shade.streams.StreamId;
import dev.shade.streams.StreamInit;
import dev.shade.streams.UnknownControlMessage;
import dev.shade.transfer.control.Verification;
import dev.shade.transfer.spi.ChunkAck;
import dev.shade.transfer.spi.ChunkReceiver;
import dev.shade.transfer.spi.StreamStateView;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiving half of a node: answers the control messages senders send (init, resume query,
 * finish, abort) and admits their chunks. Streams are keyed by id and owned by their sender: a
 * query, finish or abort from anyone else is answered as for an unknown stream.
 */
final class ReceivingNode implements ChunkReceiver {
  private static final Logger LOG = LoggerFactory.getLogger(ReceivingNode.class);
  private final Map<StreamId, Entry> streams = new ConcurrentHashMap<>();
  private final ReceiverSettings settings;
  private final EventDispatcher events;
  private final Executor callbacks;
  private final Function<PeerAddress, Verification> verifications;
  private volatile Consumer<IncomingTransfer> onIncoming =
      incoming -> incoming.decline("this node accepts no transfers");

  /** A stream with its owner and the digest of its secret, for idempotent re-inits. */
  private record Entry(IncomingStream stream, PeerAddress sender, byte[] secretDigest) {}

  ReceivingNode(ReceiverSettings settings, EventDispatcher events, Executor callbacks,
      Function<PeerAddress, Verification> verifications) {
    this.settings = settings;
    this.events = events;
    this.callbacks = callbacks;
    this.verifications = verifications;
  }

  void onIncomingTransfer(Consumer<IncomingTransfer> handler) {
    this.onIncoming = handler;
  }

  /** Answers one decrypted control message from {@code sender}; empty means 204. */
  Optional<ControlMessage> handle(PeerAddress sender, ControlMessage message) {
    if (message instanceof StreamInit) {
      return Optional.of(init(sender, (StreamInit) message));
    }
    if (message instanceof ResumeQuery) {
      return Optional.of(owned(sender, ((ResumeQuery) message).streamId()).resumeState());
    }
    if (message instanceof StreamFinish) {
      StreamFinish finish = (StreamFinish) message;
      return Optional.of(owned(sender, finish.streamId()).finish(finish));
    }
    if (message instanceof StreamAbort) {
      StreamAbort abort = (StreamAbort) message;
      owned(sender, abort.streamId()).abortedByPeer(abort.reason());
      return Optional.empty();
    }
    if (message instanceof UnknownControlMessage) {
      LOG.info("ignoring control message of unknown kind {} from {}", message.kind(), sender);
    } else {
      LOG.debug("ignoring {} from {}: not for a receiver", message.kind(), sender);
    }
    return Optional.empty();
  }

  private StreamControlMessage init(PeerAddress sender, StreamInit init) {
    byte[] rawSecret = init.streamSecret().toByteArray();
    byte[] secretDigest = Sha256.newDigest().digest(rawSecret);
    Arrays.fill(rawSecret, (byte) 0);
    IncomingStream fresh = new IncomingStream(init, sender, verifications.apply(sender), settings,
        events);
    Entry candidate = new Entry(fresh, sender, secretDigest);
    Entry entry = streams.putIfAbsent(init.streamId(), candidate);
    if (entry != null) {
      if (!entry.sender().equals(sender) || !Arrays.equals(entry.secretDigest(), secretDigest)) {
        throw new IncomingStream.StreamStateException(
            "stream " + init.streamId() + " already exists with another sender or secret");
      }
      init.streamSecret().destroy();
      return replyFor(entry.stream());
    }
    events.emit(l -> l.started(init.streamId(), TransferListener.Direction.RECEIVE,
        init.metadata()));
    Long total = init.metadata().totalBytes();
    if (total != null && total > settings.maxStreamBytes()) {
      fresh.decline("stream of " + total + " bytes exceeds this node's cap of "
          + settings.maxStreamBytes());
      return replyFor(fresh);
    }
    callbacks.execute(() -> {
      try {
        onIncoming.accept(fresh);
      } catch (RuntimeException e) {
        LOG.warn("incoming-transfer handler failed for {}", init.streamId(), e);
        if (!fresh.decided().isDone()) {
          fresh.decline("receiver error");
        }
      }
    });
    try {
      fresh.decided().get(settings.decisionWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException undecided) {
      // a person may be choosing: the sender polls
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException e) {
      // decided() never fails
    }
    return replyFor(fresh);
  }

  private static StreamControlMessage replyFor(IncomingStream stream) {
    var state = stream.resumeState();
    switch (state.status()) {
      case ACCEPTED:
      case RECEIVING:
      case COMPLETE:
        return new StreamAccept(stream.streamId());
      case DECLINED:
        return new StreamDecline(stream.streamId(), state.reason());
      default:
        return state;
    }
  }

  private IncomingStream owned(PeerAddress sender, StreamId id) {
    Entry entry = streams.get(id);
    if (entry == null || !entry.sender().equals(sender)) {
      throw new UnknownStreamException(id);
    }
    return entry.stream();
  }

  @Override
  public AdmittedChunk admit(String pathStreamId, byte[] header) {
    StreamId pathId = StreamId.parse(pathStreamId, "path streamId");
    ChunkHeader parsed = ChunkHeader.parse(header, Long.MAX_VALUE);
    if (!parsed.streamId().equals(pathId)) {
      throw new ShadeFormatException("streamId", "header names another stream than the path");
    }
    if (parsed.ctLenBytes() > settings.maxChunkCtLenBytes()) {
      throw new ChunkTooLargeException(parsed.ctLenBytes(), settings.maxChunkCtLenBytes());
    }
    Entry entry = streams.get(pathId);
    if (entry == null) {
      throw new UnknownStreamException(pathId);
    }
    return entry.stream().admit(parsed);
  }

  @Override
  public ChunkAck deliver(AdmittedChunk chunk, byte[] body, int length) {
    IncomingStream.Admitted admitted = (IncomingStream.Admitted) chunk;
    try {
      if (length != admitted.bodyBytes() || length > body.length) {
        throw new ShadeFormatException("ctLen",
            "body is " + length + " bytes, header says " + admitted.bodyBytes());
      }
      byte[] headerBytes = admitted.header().toByteArray();
      return admitted.stream().deliver(admitted.header(), headerBytes, body, length);
    } finally {
      admitted.recycle(body);
    }
  }

  @Override
  public StreamStateView state(String pathStreamId) {
    StreamId id = StreamId.parse(pathStreamId, "path streamId");
    Entry entry = streams.get(id);
    if (entry == null) {
      throw new UnknownStreamException(id);
    }
    return entry.stream().stateView();
  }

  /** 404 {@code unknown_stream}. */
  static final class UnknownStreamException extends ShadeException {
    UnknownStreamException(StreamId id) {
      super(ErrorCode.UNKNOWN_STREAM, "no stream " + id);
    }
  }
}
