package dev.shade.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shade.streams.StreamId;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ReceivedFilesTest {
  private static final StreamId ID = StreamId.random(new SecureRandom());

  @Test
  void pathsAreCutToTheirBaseName() {
    assertEquals("x", ReceivedFiles.safeName("../../etc/x", ID));
    assertEquals("boot.ini", ReceivedFiles.safeName("C:\\windows\\..\\boot.ini", ID));
  }

  @Test
  void controlBidiAndEscapeCharactersAreRemoved() {
    assertEquals("[31mred[0m.txt", ReceivedFiles.safeName("\u001b[31mred\u001b[0m.txt", ID));
    assertEquals("evilexe.txt", ReceivedFiles.safeName("evil\u202eexe.txt", ID));
    assertEquals("ab", ReceivedFiles.safeName("a\u0085\u0000b", ID));
  }

  @Test
  void namesWithNothingUsableLeftFallBackToTheStreamId() {
    String fallback = ID.toBase64Url() + ".bin";
    assertEquals(fallback, ReceivedFiles.safeName(null, ID));
    assertEquals(fallback, ReceivedFiles.safeName("../..", ID));
    assertEquals(fallback, ReceivedFiles.safeName("dir/", ID));
    assertEquals(fallback, ReceivedFiles.safeName(".shade-partial", ID));
    assertEquals(fallback, ReceivedFiles.safeName("\u001b\u0007", ID));
  }

  @Test
  void collisionsAreNumberedBeforeTheExtension() {
    assertEquals("report (1).pdf", ReceivedFiles.numbered("report.pdf", 1));
    assertEquals("README (2)", ReceivedFiles.numbered("README", 2));
    assertEquals(".profile (3)", ReceivedFiles.numbered(".profile", 3));
  }
}
