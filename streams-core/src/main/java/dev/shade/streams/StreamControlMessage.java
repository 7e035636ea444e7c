package dev.shade.streams;

/** A control message about one stream: every kind except WebRTC signalling and unknown kinds. */
public sealed interface StreamControlMessage extends ControlMessage
    permits StreamInit, StreamAccept, StreamDecline, StreamFinish, StreamFinished, StreamAbort,
        ResumeQuery, ResumeState {

  /** The stream this message is about. */
  StreamId streamId();
}
