package dev.shade.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The base URL of a node's {@code /v1/transfer} routes, from what a person typed: {@code
 * http://host:port} gets the {@code /v1/transfer} path, a trailing {@code /} is dropped, so every
 * node has one spelling (the {@link PeerBook} keys on it).
 */
final class BaseUrls implements ITypeConverter<URI> {
  static final String ROUTES = "/v1/transfer";

  static URI parse(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new TypeConversionException("not a URL: '" + text + "'");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
      throw new TypeConversionException("'" + text + "' is not an http:// or https:// URL with"
          + " a host");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
      throw new TypeConversionException("'" + text + "': a node URL has no user, query or"
          + " fragment");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty()) {
      path = ROUTES;
    }
    String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
    return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port + path);
  }

  @Override
  public URI convert(String value) {
    return parse(value);
  }
}
