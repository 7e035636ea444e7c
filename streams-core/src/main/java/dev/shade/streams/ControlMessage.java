package dev.shade.streams;

/**
 * One message of Shade's control plane: the JSON objects that ride the Signal ratchet
 * (DESIGN.md, "Control plane (type 0x02)"). {@link ControlCodec} turns them into bytes and back.
 *
 * <table>
 *   <caption>Kinds</caption>
 *   <tr><th>record</th><th>{@code kind}</th><th>direction</th></tr>
 *   <tr><td>{@link StreamInit}</td><td>{@value StreamInit#KIND}</td><td>sender → receiver</td></tr>
 *   <tr><td>{@link StreamAccept}</td><td>{@value StreamAccept#KIND}</td><td>receiver → sender</td></tr>
 *   <tr><td>{@link StreamDecline}</td><td>{@value StreamDecline#KIND}</td><td>receiver → sender</td></tr>
 *   <tr><td>{@link StreamFinish}</td><td>{@value StreamFinish#KIND}</td><td>sender → receiver</td></tr>
 *   <tr><td>{@link StreamFinished}</td><td>{@value StreamFinished#KIND}</td><td>receiver → sender</td></tr>
 *   <tr><td>{@link StreamAbort}</td><td>{@value StreamAbort#KIND}</td><td>either</td></tr>
 *   <tr><td>{@link ResumeQuery}</td><td>{@value ResumeQuery#KIND}</td><td>sender → receiver</td></tr>
 *   <tr><td>{@link ResumeState}</td><td>{@value ResumeState#KIND}</td><td>receiver → sender</td></tr>
 *   <tr><td>{@link WebRtcOffer}</td><td>{@value WebRtcOffer#KIND}</td><td>either</td></tr>
 *   <tr><td>{@link WebRtcAnswer}</td><td>{@value WebRtcAnswer#KIND}</td><td>either</td></tr>
 *   <tr><td>{@link UnknownControlMessage}</td><td>anything else</td><td>ignored (logged)</td></tr>
 * </table>
 *
 * <p>Every implementation is an immutable record validated in its constructor: holding a
 * {@code ControlMessage} means holding one that obeys {@link ControlLimits}. Policy (a node's own
 * caps, {@link FileMetadataRules}) is checked separately, because breaking it earns a decline, not
 * a 400. Records are safe to share between threads; {@link StreamInit} carries a secret and says
 * how it is handled.
 */
public sealed interface ControlMessage
    permits StreamControlMessage, WebRtcOffer, WebRtcAnswer, UnknownControlMessage {

  /** The {@code kind} field, e.g. {@code "shade.stream-init/v1"}. */
  String kind();
}
