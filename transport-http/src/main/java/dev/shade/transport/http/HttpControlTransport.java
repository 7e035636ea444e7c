package dev.shade.transport.http;

import dev.shade.transfer.control.ControlTransport;
import io.vertx.core.Vertx;
import java.time.Duration;

/**
 * The HTTP client side of the control plane: a {@link ControlTransport} that fetches bundles with
 * {@code GET <base>/keys} and posts envelopes to {@code <base>/control}, reading every response
 * with a size cap. Error bodies from peers become
 * {@link dev.shade.transfer.control.ControlException}s with the peer's error code.
 *
 * <p>Its methods block the calling thread until the peer answered or {@code timeout} passed, and
 * throw {@link IllegalStateException} when called on a Vert.x event loop.
 *
 * <pre>{@code
 * ControlTransport http = HttpControlTransport.create(vertx,
 *     PeerEndpoints.table().put(bob, URI.create("http://127.0.0.1:8080/v1/transfer")),
 *     Duration.ofSeconds(10));
 * }</pre>
 */
public final class HttpControlTransport {
  private HttpControlTransport() {}

  public static ControlTransport create(Vertx vertx, PeerEndpoints endpoints, Duration timeout) {
    return VertxControlTransport.create(vertx, endpoints, timeout);
  }
}
