package dev.shade.transfer.control;

import dev.shade.streams.PeerAddress;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process transport: bundles and envelopes go straight to the peer's {@link ControlPlane}
 * (the bundle through its JSON form, as over HTTP). A real transport for tests of the control
 * plane itself; HTTP is tested in transport-http.
 */
public final class LoopbackControlTransport implements ControlTransport {
  private final Map<PeerAddress, ControlPlane> peers = new ConcurrentHashMap<>();

  public void attach(ControlPlane plane) {
    peers.put(plane.keys().address(), plane);
  }

  public void detach(PeerAddress address) {
    peers.remove(address);
  }

  @Override
  public PreKeyBundleJson fetchBundle(PeerAddress peer) {
    return PreKeyBundleJson.parse(plane(peer).keys().publishBundle().toJson());
  }

  @Override
  public Optional<byte[]> deliver(PeerAddress peer, byte[] envelope) {
    return plane(peer).channel().receive(envelope);
  }

  private ControlPlane plane(PeerAddress peer) {
    ControlPlane plane = peers.get(peer);
    if (plane == null) {
      throw new UncheckedIOException(new java.io.IOException(peer + " is unreachable"));
    }
    return plane;
  }
}
