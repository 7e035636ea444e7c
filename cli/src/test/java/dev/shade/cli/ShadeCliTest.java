package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad command lines exit 2 before any node is opened, checked in this JVM ({@code ExitCodesIT}
 * checks the jar does the same).
 */
class ShadeCliTest {
  @TempDir
  Path dir;

  @Test
  void badCommandLinesAreUsageErrors() throws Exception {
    String file = Files.writeString(dir.resolve("f.txt"), "x").toString();
    String nowhere = "http://127.0.0.1:1";
    for (List<String> args : List.of(
        List.<String>of(),
        List.of("bogus"),
        List.of("send", file),
        List.of("send", "--to", "ftp://127.0.0.1:1", file),
        List.of("send", "--to", nowhere, "--lanes", "0", file),
        List.of("send", "--to", nowhere, "--lanes", "65", file),
        List.of("send", "--to", nowhere, "--chunk-size", "1023", file),
        List.of("send", "--to", nowhere, "--transport", "carrier-pigeon", file),
        List.of("send", "--to", nowhere, dir.resolve("missing").toString()),
        List.of("send", "--to", nowhere, dir.toString()),
        List.of("serve", "--inbox", dir.toString()),
        List.of("serve", "--port", "70000", "--inbox", dir.toString()),
        List.of("serve", "--port", "0", "--inbox", dir.toString(), "--accept", "ask"),
        List.of("serve", "--port", "0", "--inbox", dir.toString(), "--accept", "some"),
        List.of("resume", "not-a-stream-id", file),
        List.of("resume", "AAAAAAAAAAAAAAAAAAAAAA"),
        List.of("resume", "--list", "AAAAAAAAAAAAAAAAAAAAAA"),
        List.of("resume", "AAAAAAAAAAAAAAAAAAAAAA", dir.resolve("missing").toString()),
        List.of("resume", "--limit-rate", "0", "AAAAAAAAAAAAAAAAAAAAAA", file),
        List.of("send", "--to", nowhere, "--limit-rate", "0", file),
        List.of("prune", "--older-than", "-1"),
        List.of("prune", "--older-than", "36501"),
        List.of("peers", "--home", dir.toString()),
        List.of("demo", "--size", "-1"),
        List.of("demo", "--lanes", "0"))) {
      assertEquals(2, ShadeCli.run(args.toArray(new String[0])), args::toString);
    }
  }
}
