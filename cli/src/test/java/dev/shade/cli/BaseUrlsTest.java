package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class BaseUrlsTest {
  @Test
  void aHostAndPortGetTheTransferRoutes() {
    assertEquals(URI.create("http://127.0.0.1:8080/v1/transfer"),
        BaseUrls.parse("http://127.0.0.1:8080"));
    assertEquals(URI.create("http://127.0.0.1:8080/v1/transfer"),
        BaseUrls.parse("http://127.0.0.1:8080/"));
  }

  @Test
  void everySpellingOfOneNodeIsTheSameUrl() {
    URI expected = URI.create("https://node.example:8443/v1/transfer");
    assertEquals(expected, BaseUrls.parse("HTTPS://Node.Example:8443/v1/transfer/"));
    assertEquals(expected, BaseUrls.parse(" https://node.example:8443/v1/transfer "));
  }

  @Test
  void aMountedRoutePathIsKept() {
    assertEquals(URI.create("http://h/app/v1/transfer"),
        BaseUrls.parse("http://h/app/v1/transfer"));
  }

  @Test
  void whatIsNotAnHttpNodeUrlIsRefused() {
    for (String bad : new String[] {"ftp://h:1", "127.0.0.1:8080", "http:///x", "http://h/?a=b",
        "http://u:p@h/", "http://h/#f", "not a url"}) {
      assertThrows(TypeConversionException.class, () -> BaseUrls.parse(bad), bad);
    }
  }
}
