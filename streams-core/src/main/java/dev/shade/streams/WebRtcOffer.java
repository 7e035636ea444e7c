package dev.shade.streams;

/**
 * {@code shade.webrtc-offer/v1}: {@code {"kind":...,"sessionId":b64u,"sdp":string}}, an SDP offer
 * with its gathered ICE candidates. {@code sessionId} is canonical base64url of 1..{@value
 * ControlLimits#MAX_SESSION_ID_BYTES} bytes; {@code sdp} is 1..{@value
 * ControlLimits#MAX_SDP_CODE_POINTS} code points.
 */
public record WebRtcOffer(String sessionId, String sdp) implements ControlMessage {
  public static final String KIND = "shade.webrtc-offer/v1";

  public WebRtcOffer {
    FieldChecks.sessionId("sessionId", sessionId);
    WebRtcAnswer.checkSdp(sdp);
  }

  @Override
  public String kind() {
    return KIND;
  }
}
