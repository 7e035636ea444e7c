package dev.shade.cli;

import dev.shade.streams.FileMetadata;
import dev.shade.transfer.IncomingTransfer;
import dev.shade.transfer.Output;
import dev.shade.transfer.ReceivedFiles;
import dev.shade.transfer.TransferResult;
import dev.shade.transfer.control.PeerTrust;
import dev.shade.transfer.control.Verification;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code serve}'s answer to offered streams: decides by the {@link Policy}, accepts into the inbox
 * (where the engine names the file safely and publishes it only after verification), and prints
 * one line per decision and per outcome.
 */
final class IncomingFiles implements Consumer<IncomingTransfer> {
  /** Which offers {@code serve} accepts. */
  enum Policy {
    ALL("every offer"),
    /** Only from senders whose safety number was verified here ({@code shade peers verify}). */
    VERIFIED("offers from verified senders"),
    /** The person at the terminal decides each offer. */
    ASK("what the person at this terminal accepts");

    private final String description;

    Policy(String description) {
      this.description = description;
    }

    String description() {
      return description;
    }
  }

  private final Policy policy;
  private final Path inbox;
  private final PeerTrust trust;
  private final Optional<Terminal> terminal;
  private final PrintStream out;

  /** @param terminal where {@link Policy#ASK} asks; required for it */
  IncomingFiles(Policy policy, Path inbox, PeerTrust trust, Optional<Terminal> terminal,
      PrintStream out) {
    if (policy == Policy.ASK && terminal.isEmpty()) {
      throw new IllegalArgumentException("asking needs a terminal");
    }
    this.policy = policy;
    this.inbox = inbox;
    this.trust = trust;
    this.terminal = terminal;
    this.out = out;
  }

  @Override
  public void accept(IncomingTransfer incoming) {
    Offer offer = new Offer(incoming);
    Optional<String> refusal = refusal(offer);
    if (refusal.isPresent()) {
      incoming.decline(refusal.get());
      out.println("declined " + offer + ": " + refusal.get());
      return;
    }
    out.println("receiving " + offer + ", stream " + incoming.streamId().toBase64Url());
    incoming.accept(Output.inbox(inbox)).whenComplete((result, error) -> {
      if (error == null) {
        out.println(received(result, offer));
      } else {
        out.println("failed " + offer + ": " + Failures.explain(error).getMessage());
      }
    });
  }

  private Optional<String> refusal(Offer offer) {
    switch (policy) {
      case VERIFIED:
        return offer.verification == Verification.VERIFIED ? Optional.empty()
            : Optional.of("sender " + offer.sender + " is not verified by this node (compare"
                + " safety numbers, then run shade peers verify " + offer.sender + " here)");
      case ASK:
        String question = "offer: " + offer + "\n  safety number "
            + trust.safetyNumber(offer.incoming.sender()).grouped() + "\nAccept?";
        return terminal.orElseThrow().confirm(question) ? Optional.empty()
            : Optional.of("the person at the receiver said no");
      default:
        return Optional.empty();
    }
  }

  private String received(TransferResult result, Offer offer) {
    Path landed = result.path().orElseThrow().getFileName();
    return "received " + Display.printable(landed.toString()) + ": " + result.bytes()
        + " bytes in " + Display.seconds(result.durationMs()) + " ("
        + Display.rate(result.bytes(), result.durationMs()) + ") from " + offer.sender
        + ", verified, sha256 " + result.sha256();
  }

  /** What a person is shown about an offer; every part is printable. */
  private static final class Offer {
    final IncomingTransfer incoming;
    final String sender;
    final Verification verification;
    final String name;
    final String size;

    Offer(IncomingTransfer incoming) {
      this.incoming = incoming;
      this.sender = incoming.sender().toString();
      this.verification = incoming.senderVerification();
      FileMetadata file = incoming.metadata().fileMetadata();
      this.name = Display.printable(ReceivedFiles.safeName(file == null ? null : file.filename(),
          incoming.streamId()));
      Long total = incoming.metadata().totalBytes();
      this.size = total == null ? "size unknown" : Display.bytes(total);
    }

    @Override
    public String toString() {
      return name + " (" + size + ") from " + sender + " ("
          + verification.name().toLowerCase(Locale.ROOT) + ")";
    }
  }
}
