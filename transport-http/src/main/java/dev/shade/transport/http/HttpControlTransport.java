package dev.shade.transport.http;

import dev.shade.transfer.control.ControlTransport;
import dev.shade.transfer.control.PreKeyBundleJson;
import io.vertx.core.Vertx;
import java.net.URI;
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

  /**
   * The prekey bundle served at {@code baseUrl} ({@code GET <baseUrl>/keys}): which address answers
   * there and with which identity key, before any trust decision, e.g. to show a person the safety
   * number of a URL they were given. Like every fetch, it hands out one of the peer's one-time
   * prekeys. Blocks until the peer answered or {@code timeout} passed.
   *
   * @throws dev.shade.transfer.control.ControlException when the peer answered with a Shade error
   * @throws dev.shade.streams.ShadeFormatException when the answer is not a valid bundle
   * @throws java.io.UncheckedIOException when the peer could not be reached
   * @throws IllegalStateException when called on a Vert.x event loop
   */
  public static PreKeyBundleJson fetchBundle(Vertx vertx, URI baseUrl, Duration timeout) {
    return VertxControlTransport.fetchBundle(vertx, baseUrl, timeout);
  }
}
