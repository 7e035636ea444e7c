package dev.shade.streams;

/**
 * {@code shade.webrtc-answer/v1}: {@code {"kind":...,"sessionId":b64u,"sdp":string}}, the SDP
 * answer to the {@link WebRtcOffer} with the same {@code sessionId}. Same limits as the offer.
 */
public record WebRtcAnswer(String sessionId, String sdp) implements ControlMessage {
  public static final String KIND = "shade.webrtc-answer/v1";

  public WebRtcAnswer {
    FieldChecks.sessionId("sessionId", sessionId);
    checkSdp(sdp);
  }

  static void checkSdp(String sdp) {
    FieldChecks.text("sdp", sdp, ControlLimits.MAX_SDP_CODE_POINTS);
    if (sdp.isEmpty()) {
      throw new ShadeFormatException("sdp", "must not be empty");
    }
  }

  @Override
  public String kind() {
    return KIND;
  }
}
