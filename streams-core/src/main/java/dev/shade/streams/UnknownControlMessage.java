package dev.shade.streams;

import java.util.Set;

/**
 * A well-formed JSON object whose {@code kind} this version does not know. Receivers ignore it
 * (and may log it); it is never an error. {@code kind} is untrusted text from the peer: quote it
 * with care.
 */
public record UnknownControlMessage(String kind) implements ControlMessage {
  private static final Set<String> KNOWN_KINDS = Set.of(StreamInit.KIND, StreamAccept.KIND,
      StreamDecline.KIND, StreamFinish.KIND, StreamFinished.KIND, StreamAbort.KIND,
      ResumeQuery.KIND, ResumeState.KIND, WebRtcOffer.KIND, WebRtcAnswer.KIND);

  public UnknownControlMessage {
    FieldChecks.required("kind", kind);
    FieldChecks.wellFormed("kind", kind);
    if (isKnown(kind)) {
      throw new ShadeFormatException("kind", "is a known kind, not an unknown one");
    }
  }

  /** True when {@code kind} names one of the records of {@link ControlMessage}. */
  static boolean isKnown(String kind) {
    return KNOWN_KINDS.contains(kind);
  }
}
