package dev.shade.cli;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.ShadeFormatException;
import dev.shade.transfer.Peer;
import dev.shade.transfer.control.ControlException;
import dev.shade.transfer.control.PeerTrust;
import dev.shade.transfer.control.PreKeyBundleJson;
import dev.shade.transport.http.HttpControlTransport;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.signal.libsignal.protocol.IdentityKey;

/**
 * Trust on first use for the URLs a person sends to. Fetches the bundle at the URL to learn which
 * address answers there and with which identity key, then:
 *
 * <ul>
 *   <li>a URL or address pinned to another key (or a URL pinned to another address) is refused
 *       with both safety numbers, whatever the options: only {@code shade peers verify}
 *       re-approves it;
 *   <li>a peer met for the first time is shown with its safety number and trusted with {@code
 *       --trust-new}, or when the person at the terminal says yes; otherwise refused;
 *   <li>a trusted peer is pinned by address (in the engine) and by URL (in the {@link PeerBook}).
 * </ul>
 */
final class PeerIntroduction {
  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private final Vertx vertx;
  private final PeerTrust trust;
  private final PeerBook book;
  private final Home home;
  private final PrintStream notices;

  PeerIntroduction(LocalNode node, PrintStream notices) {
    this.vertx = node.vertx();
    this.trust = node.shade().controlPlane().trust();
    this.book = node.book();
    this.home = node.home();
    this.notices = notices;
  }

  /** Who answers at {@code baseUrl}, with the identity key it presents. */
  PreKeyBundleJson fetchBundle(URI baseUrl) {
    try {
      return HttpControlTransport.fetchBundle(vertx, baseUrl, TIMEOUT);
    } catch (UncheckedIOException e) {
      throw new CliException(ExitStatus.UNREACHABLE, "cannot reach " + baseUrl + ": "
          + e.getCause().getMessage(), e);
    } catch (ControlException | ShadeFormatException e) {
      throw new CliException(ExitStatus.UNREACHABLE, baseUrl + " does not answer as a Shade node: "
          + e.getMessage(), e);
    }
  }

  /**
   * @param trustNew whether a peer met for the first time is trusted without asking
   * @param terminal where to ask when {@code trustNew} is false
   * @throws CliException UNTRUSTED when the peer is refused, UNREACHABLE when it cannot be asked
   */
  Peer introduce(URI baseUrl, boolean trustNew, Optional<Terminal> terminal) {
    PreKeyBundleJson bundle = fetchBundle(baseUrl);
    PeerAddress address = bundle.address();
    IdentityKey key = bundle.identity();
    Optional<PeerBook.Pin> urlPin = book.find(baseUrl);
    if (urlPin.isPresent() && !urlPin.get().matches(address, key)) {
      throw changed(baseUrl, urlPin.get().address(), urlPin.get().identityKey(), address, key);
    }
    Optional<IdentityKey> pinned = trust.pinnedIdentity(address);
    if (pinned.isPresent() && !pinned.get().equals(key)) {
      throw changed(baseUrl, address, pinned.get(), address, key);
    }
    if (urlPin.isEmpty() && pinned.isEmpty()) {
      meet(baseUrl, address, key, trustNew, terminal);
    }
    trust.approve(address, key);
    if (urlPin.isEmpty()) {
      book.pin(new PeerBook.Pin(baseUrl, address, key));
    }
    return new Peer(address, baseUrl);
  }

  private void meet(URI baseUrl, PeerAddress address, IdentityKey key, boolean trustNew,
      Optional<Terminal> terminal) {
    notices.println("new peer " + address + " at " + baseUrl);
    notices.println("  safety number: " + trust.safetyNumber(address, key).grouped());
    notices.println("  (compare it with the peer: its fingerprint, from shade init, is its first"
        + " or last 6 groups)");
    if (trustNew) {
      notices.println("  trusted on first use (--trust-new)");
      return;
    }
    if (terminal.isEmpty()) {
      throw new CliException(ExitStatus.UNTRUSTED, address + " is a new peer and there is no"
          + " terminal to confirm it: compare the safety number, then send again with --trust-new");
    }
    if (!terminal.get().confirm("Trust " + address + " and send?")) {
      throw new CliException(ExitStatus.UNTRUSTED, "not trusted: " + address);
    }
  }

  private CliException changed(URI baseUrl, PeerAddress oldAddress, IdentityKey oldKey,
      PeerAddress newAddress, IdentityKey newKey) {
    String who = oldAddress.equals(newAddress) ? newAddress + " presents a different identity key"
        : baseUrl + " answered as " + oldAddress + " before and now answers as " + newAddress;
    return new CliException(ExitStatus.UNTRUSTED, "refused: " + who + " at " + baseUrl + "\n"
        + "  pinned safety number: " + trust.safetyNumber(oldAddress, oldKey).grouped() + "\n"
        + "  new safety number:    " + trust.safetyNumber(newAddress, newKey).grouped() + "\n"
        + "Someone may be intercepting, or the peer was reinstalled. Compare the new number with"
        + " the peer over another channel; if it matches, run:\n"
        + "  shade peers verify " + home.option() + baseUrl);
  }
}
