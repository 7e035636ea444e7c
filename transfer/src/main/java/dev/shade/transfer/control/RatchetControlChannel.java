package dev.shade.transfer.control;

import static dev.shade.transfer.control.SignalAddresses.toSignal;

import dev.shade.streams.ControlCipherType;
import dev.shade.streams.ControlEnvelope;
import dev.shade.streams.ControlEnvelopeReader;
import dev.shade.streams.ControlEnvelopeWriter;
import dev.shade.streams.ErrorCode;
import dev.shade.streams.PeerAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.signal.libsignal.protocol.DuplicateMessageException;
import org.signal.libsignal.protocol.InvalidKeyException;
import org.signal.libsignal.protocol.InvalidKeyIdException;
import org.signal.libsignal.protocol.InvalidMessageException;
import org.signal.libsignal.protocol.InvalidVersionException;
import org.signal.libsignal.protocol.LegacyMessageException;
import org.signal.libsignal.protocol.NoSessionException;
import org.signal.libsignal.protocol.SessionBuilder;
import org.signal.libsignal.protocol.SessionCipher;
import org.signal.libsignal.protocol.SignalProtocolAddress;
import org.signal.libsignal.protocol.UntrustedIdentityException;
import org.signal.libsignal.protocol.message.CiphertextMessage;
import org.signal.libsignal.protocol.message.PreKeySignalMessage;
import org.signal.libsignal.protocol.message.SignalMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class RatchetControlChannel implements ControlChannel {
  private static final Logger LOG = LoggerFactory.getLogger(RatchetControlChannel.class);

  private final StoreBackedSignalState state;
  private final StoredPeerTrust trust;
  private final PeerLocks locks;
  private final ControlTransport transport;
  private final ControlHandler handler;
  private final Clock clock;
  private final Map<PeerAddress, RequestPipeline> pipelines = new ConcurrentHashMap<>();

  RatchetControlChannel(StoreBackedSignalState state, StoredPeerTrust trust, PeerLocks locks,
      ControlTransport transport, ControlHandler handler, Clock clock) {
    this.state = state;
    this.trust = trust;
    this.locks = locks;
    this.transport = transport;
    this.handler = handler;
    this.clock = clock;
  }

  @Override
  public Optional<byte[]> request(PeerAddress peer, byte[] plaintext) {
    RequestPipeline pipeline = pipelines.computeIfAbsent(peer, p -> new RequestPipeline());
    RequestPipeline.Ticket ticket = pipeline.begin(() -> seal(peer, plaintext));
    try {
      Optional<byte[]> replyEnvelope = deliver(peer, ticket.envelope(), plaintext);
      pipeline.awaitTurn(ticket);
      return replyEnvelope.map(envelope -> openReply(peer, envelope));
    } finally {
      pipeline.awaitTurn(ticket);
      pipeline.finish(ticket);
    }
  }

  private Optional<byte[]> deliver(PeerAddress peer, byte[] envelope, byte[] plaintext) {
    try {
      return requireTransport().deliver(peer, envelope);
    } catch (ControlException e) {
      if (e.errorCode() != ErrorCode.NO_SESSION) {
        throw e;
      }
      LOG.info("{} lost its session with us; starting a new one", peer);
      locks.withLock(peer, () -> state.deleteSession(toSignal(peer)));
      return requireTransport().deliver(peer, seal(peer, plaintext));
    }
  }

  private byte[] openReply(PeerAddress peer, byte[] envelope) {
    OpenedMessage reply = open(envelope);
    if (!reply.sender().equals(peer)) {
      throw new ControlException(ErrorCode.DECRYPT_FAILED,
          "reply came from " + reply.sender() + ", not " + peer);
    }
    return reply.plaintext();
  }

  @Override
  public byte[] seal(PeerAddress peer, byte[] plaintext) {
    return locks.withLock(peer, () -> {
      try {
        return encrypt(peer, plaintext);
      } catch (NoSessionException e) {
        startSession(peer, toSignal(peer)); // first contact, or the session expired unacknowledged
      }
      try {
        return encrypt(peer, plaintext);
      } catch (NoSessionException e) {
        throw new ControlException(ErrorCode.NO_SESSION, "no session with " + peer, e);
      }
    });
  }

  /** Seals a reply inside the session the request arrived on; never fetches a bundle. */
  private byte[] sealReply(PeerAddress peer, byte[] plaintext) {
    return locks.withLock(peer, () -> {
      try {
        return encrypt(peer, plaintext);
      } catch (NoSessionException e) {
        throw new ControlException(ErrorCode.NO_SESSION, "no session with " + peer, e);
      }
    });
  }

  private void startSession(PeerAddress peer, SignalProtocolAddress address) {
    PreKeyBundleJson bundle = requireTransport().fetchBundle(peer);
    if (!bundle.address().equals(peer)) {
      throw new ControlException(ErrorCode.AUTHENTICATION_FAILED,
          "bundle for " + bundle.address() + " served for " + peer);
    }
    try {
      new SessionBuilder(state, state, state, state, address)
          .process(bundle.toPreKeyBundle(), clock.instant());
    } catch (UntrustedIdentityException e) {
      trust.recordRefused(peer, bundle.identity());
      throw untrusted(peer, e);
    } catch (InvalidKeyException e) {
      throw new ControlException(ErrorCode.AUTHENTICATION_FAILED,
          "bundle of " + peer + " has an invalid key or signature", e);
    }
  }

  /** Encrypts inside the current session; the caller holds the peer's lock. */
  private byte[] encrypt(PeerAddress peer, byte[] plaintext) throws NoSessionException {
    try {
      CiphertextMessage message = cipher(toSignal(peer)).encrypt(plaintext, clock.instant());
      ControlCipherType type = message.getType() == CiphertextMessage.PREKEY_TYPE
          ? ControlCipherType.PREKEY : ControlCipherType.WHISPER;
      return ControlEnvelopeWriter.write(
          new ControlEnvelope(type, state.local().address(), message.serialize()));
    } catch (UntrustedIdentityException e) {
      throw untrusted(peer, e);
    }
  }

  @Override
  public OpenedMessage open(byte[] envelopeBytes) {
    ControlEnvelope envelope = ControlEnvelopeReader.read(envelopeBytes);
    PeerAddress sender = envelope.sender();
    byte[] plaintext = locks.withLock(sender, () -> decrypt(envelope));
    return new OpenedMessage(sender, plaintext);
  }

  private byte[] decrypt(ControlEnvelope envelope) {
    PeerAddress sender = envelope.sender();
    SessionCipher cipher = cipher(toSignal(sender));
    PreKeySignalMessage preKeyMessage = null;
    try {
      if (envelope.cipherType() == ControlCipherType.PREKEY) {
        preKeyMessage = new PreKeySignalMessage(envelope.ciphertext());
        return cipher.decrypt(preKeyMessage);
      }
      return cipher.decrypt(new SignalMessage(envelope.ciphertext()));
    } catch (UntrustedIdentityException e) {
      trust.recordRefused(sender, preKeyMessage == null ? null : preKeyMessage.getIdentityKey());
      throw untrusted(sender, e);
    } catch (NoSessionException e) {
      throw refused(ErrorCode.NO_SESSION, sender, "no session", e);
    } catch (DuplicateMessageException e) {
      throw refused(ErrorCode.DECRYPT_FAILED, sender, "duplicate message (replay)", e);
    } catch (InvalidMessageException | InvalidKeyException | InvalidKeyIdException
        | InvalidVersionException | LegacyMessageException e) {
      throw refused(ErrorCode.DECRYPT_FAILED, sender, "message does not decrypt", e);
    }
  }

  @Override
  public Optional<byte[]> receive(byte[] envelope) {
    OpenedMessage message = open(envelope);
    return handler.handle(message.sender(), message.plaintext())
        .map(reply -> sealReply(message.sender(), reply));
  }

  private SessionCipher cipher(SignalProtocolAddress address) {
    return new SessionCipher(state, state, state, state, state, address);
  }

  private ControlTransport requireTransport() {
    if (transport == null) {
      throw new IllegalStateException("this control plane has no transport to reach peers");
    }
    return transport;
  }

  private static ControlException untrusted(PeerAddress peer, Exception cause) {
    LOG.warn("refused an untrusted identity key for {}", peer);
    return new ControlException(ErrorCode.UNTRUSTED_IDENTITY,
        "identity key of " + peer + " is not trusted (changed, or not verified)", cause);
  }

  private static ControlException refused(ErrorCode code, PeerAddress sender, String why,
      Exception cause) {
    LOG.debug("refused a control envelope from {}: {}", sender, why);
    return new ControlException(code, why + " (from " + sender + ")", cause);
  }
}
