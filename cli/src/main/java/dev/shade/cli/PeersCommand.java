package dev.shade.cli;

import dev.shade.streams.PeerAddress;
import dev.shade.streams.ShadeFormatException;
import dev.shade.transfer.control.PeerTrust;
import dev.shade.transfer.control.PreKeyBundleJson;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.signal.libsignal.protocol.IdentityKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code shade peers list | verify ADDRESS_OR_URL}: the peers this node has pinned, and the one
 * way to mark a peer verified or to re-approve a changed identity. Run it while the node's {@code
 * serve} is stopped: a running node sees the change after it restarts.
 */
@Command(name = "peers", description = "List pinned peers, or verify one after comparing safety"
    + " numbers.", subcommands = {PeersCommand.ListPeers.class, PeersCommand.VerifyPeer.class})
final class PeersCommand implements Runnable {
  @Mixin
  private HomeOption homeOption;
  @Mixin
  private Verbosity verbosity;
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: list or verify");
  }

  private LocalNode open(HomeOption subcommandHome) {
    return LocalNode.open(subcommandHome.home(homeOption), null, ChunkTransports.AUTO::factories,
        engine -> { }, System.err);
  }

  /** {@code peers list}: every pinned address with its verification, safety number and URLs. */
  @Command(name = "list", description = "List pinned peers with their safety numbers.")
  static final class ListPeers implements Callable<Integer> {
    @ParentCommand
    private PeersCommand peers;
    @Mixin
    private HomeOption homeOption;
    @Mixin
    private Verbosity verbosity;

    @Override
    public Integer call() {
      PrintStream out = System.out;
      try (LocalNode node = peers.open(homeOption)) {
        PeerTrust trust = node.shade().controlPlane().trust();
        List<PeerAddress> pinned = trust.pinnedPeers();
        List<PeerBook.Pin> urlPins = node.book().all();
        if (pinned.isEmpty()) {
          out.println("no peers pinned yet");
        }
        for (PeerAddress peer : pinned) {
          String urls = urlPins.stream().filter(pin -> pin.address().equals(peer))
              .map(pin -> "  " + pin.baseUrl()).collect(Collectors.joining());
          out.println(peer + "  " + trust.verification(peer).name().toLowerCase(Locale.ROOT)
              + urls);
          out.println("  safety number " + trust.safetyNumber(peer).grouped());
        }
      }
      return ExitStatus.OK.number();
    }
  }

  /**
   * {@code peers verify}: shows the safety number and, once the person confirms that it matches
   * the peer's, pins the key as verified. Given a URL, it takes the key the URL presents now, so it
   * also re-approves a peer whose identity changed; given an address, it verifies the pinned key.
   */
  @Command(name = "verify", description = "Mark a peer verified after comparing its safety number;"
      + " given a URL, also re-approves an identity that changed.")
  static final class VerifyPeer implements Callable<Integer> {
    @ParentCommand
    private PeersCommand peers;
    @Mixin
    private HomeOption homeOption;
    @Mixin
    private Verbosity verbosity;
    @Parameters(paramLabel = "ADDRESS_OR_URL", description = "bob.1, or http://host:port")
    private String target;
    @Option(names = "--yes", description = "Do not ask: the numbers were compared already.")
    private boolean yes;

    @Override
    public Integer call() {
      try (LocalNode node = peers.open(homeOption)) {
        if (target.contains("://")) {
          verifyUrl(node, BaseUrls.parse(target));
        } else {
          verifyAddress(node, address(target));
        }
      }
      return ExitStatus.OK.number();
    }

    private void verifyUrl(LocalNode node, URI baseUrl) {
      PeerTrust trust = node.shade().controlPlane().trust();
      PreKeyBundleJson bundle = new PeerIntroduction(node, System.err).fetchBundle(baseUrl);
      PeerAddress address = bundle.address();
      IdentityKey key = bundle.identity();
      Optional<IdentityKey> pinned = trust.pinnedIdentity(address);
      System.out.println(address + " at " + baseUrl);
      if (pinned.isPresent() && !pinned.get().equals(key)) {
        System.out.println("  pinned safety number " + trust.safetyNumber(address).grouped()
            + " (will be replaced)");
      }
      System.out.println("  safety number        " + trust.safetyNumber(address, key).grouped());
      confirm(address);
      trust.verify(address, key);
      node.book().pin(new PeerBook.Pin(baseUrl, address, key));
      System.out.println("verified " + address);
    }

    private void verifyAddress(LocalNode node, PeerAddress address) {
      PeerTrust trust = node.shade().controlPlane().trust();
      if (trust.pinnedIdentity(address).isEmpty()) {
        throw new CliException(ExitStatus.USAGE, "no identity pinned for " + address
            + " yet: it is pinned on first contact, or verify it by URL");
      }
      System.out.println(address);
      System.out.println("  safety number " + trust.safetyNumber(address).grouped());
      confirm(address);
      trust.verify(address);
      System.out.println("verified " + address);
    }

    private void confirm(PeerAddress address) {
      if (yes) {
        return;
      }
      Terminal terminal = Terminal.attached().orElseThrow(() -> new CliException(
          ExitStatus.USAGE, "nothing verified: confirm on a terminal, or pass --yes once you"
              + " compared the numbers"));
      if (!terminal.confirm("Does it match the safety number " + address + " shows?")) {
        throw new CliException(ExitStatus.UNTRUSTED, "not verified: " + address);
      }
    }

    private static PeerAddress address(String text) {
      try {
        return PeerAddress.parse(text);
      } catch (ShadeFormatException e) {
        throw new CliException(ExitStatus.USAGE, "'" + text + "' is neither an address (name.1)"
            + " nor a URL (http://host:port)");
      }
    }
  }
}
