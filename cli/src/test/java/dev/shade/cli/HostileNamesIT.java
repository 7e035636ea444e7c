package dev.shade.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shade.streams.FileMetadata;
import dev.shade.transfer.Input;
import dev.shade.transfer.Peer;
import dev.shade.transfer.Upload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender controls the file name it proposes. Against {@code shade serve} from the real jar, a
 * hostile sender (an engine node: the library does not refuse such names itself) proposes paths
 * and terminal escapes: every file lands inside the inbox under a clean name, and nothing the
 * sender chose reaches the receiver's terminal.
 */
class HostileNamesIT {
  private static final char ESC = '\u001b';
  @TempDir
  Path dir;

  @Test
  void pathsAndEscapesInProposedNamesLandSafelyInsideTheInbox() throws Exception {
    List<String> proposed = List.of("../../etc/x", ESC + "[31mred" + ESC + "[0m.txt",
        "..\\..\\boot.ini", "evil\u202Etxt.exe", "/absolute/passwd");
    List<String> landed = List.of("x", "[31mred[0m.txt", "boot.ini", "eviltxt.exe", "passwd");
    try (ServingNode bob = ServingNode.start(dir.resolve("bob"), null)) {
      try (EngineNode mallory = EngineNode.start("mallory.1", 0, incoming -> { })) {
        Peer peer = new Peer(bob.address, bob.baseUrl);
        for (String name : proposed) {
          mallory.shade.upload(Upload.to(peer).input(Input.bytes(name.getBytes(UTF_8)))
              .fileMetadata(FileMetadata.of(name, null)).build()).done().get(60, SECONDS);
        }
      }
      for (int i = 0; i < proposed.size(); i++) {
        Path file = bob.inbox.resolve(landed.get(i));
        assertEquals(proposed.get(i), Files.readString(file), () -> "content of " + file);
      }
      try (Stream<Path> everything = Files.walk(dir)) {
        assertEquals(List.of(), everything.filter(p -> p.getFileName().toString().equals("x")
            && !p.getParent().equals(bob.inbox)).toList(), "x escaped the inbox");
      }
      assertFalse(bob.output().indexOf(ESC) >= 0, "an escape reached the terminal");
      assertTrue(bob.output().contains("received [31mred[0m.txt"), bob::output);
    }
  }

  @Test
  void sendRefusesALocalFileWhoseNameHasControlCharacters() throws Exception {
    Path file = Files.writeString(dir.resolve("bell" + '\u0007' + ".txt"), "ding");
    ShadeProcess.Result r = ShadeProcess.run(dir, "send", "--home", dir.resolve("a").toString(),
        "--to", "http://127.0.0.1:1", file.toString());
    assertEquals(2, r.exitCode(), r::toString);
    assertTrue(r.stderr().contains("bell?.txt"), r::toString);
    assertFalse(r.stderr().indexOf('\u0007') >= 0, "the raw name was printed");
  }
}
