package dev.shade.transport.ws;

import java.net.URI;

/** A peer's {@code /v1/transfer} base URL taken apart: host, port, TLS, and paths below it. */
record PeerUrl(String host, int port, boolean tls, String basePath) {
  static PeerUrl of(URI base) {
    boolean tls = "https".equals(base.getScheme()) || "wss".equals(base.getScheme());
    int port = base.getPort() != -1 ? base.getPort() : (tls ? 443 : 80);
    String path = base.getPath() == null ? "" : base.getPath();
    return new PeerUrl(base.getHost(), port, tls,
        path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
  }

  String path(String below) {
    return basePath + below;
  }
}
