package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DisplayTest {
  @Test
  void byteCountsUseBinaryUnits() {
    assertEquals("0 B", Display.bytes(0));
    assertEquals("1023 B", Display.bytes(1023));
    assertEquals("1.0 KiB", Display.bytes(1024));
    assertEquals("256.0 MiB", Display.bytes(256L << 20));
    assertEquals("1.5 GiB", Display.bytes(3L << 29));
  }

  @Test
  void fractionsUseTheUnitOfTheWhole() {
    assertEquals("5.0/10.0 MiB", Display.fraction(5L << 20, 10L << 20));
    assertEquals("0.0/2.0 GiB", Display.fraction(1024, 2L << 30));
    assertEquals("3/700 B", Display.fraction(3, 700));
  }

  @Test
  void ratesAreMegabytesPerSecond() {
    assertEquals("52.4 MB/s", Display.rate(52_428_800));
    assertEquals("2.0 MB/s", Display.rate(4_000_000, 2000));
  }

  @Test
  void clockShowsHoursOnlyWhenThereAreAny() {
    assertEquals("0:05", Display.clock(5));
    assertEquals("2:03", Display.clock(123));
    assertEquals("1:00:01", Display.clock(3601));
  }

  @Test
  void controlBidiAndFormatCharactersAreShownAsQuestionMarks() {
    assertEquals("?[31mred?[0m.txt", Display.printable("\u001b[31mred\u001b[0m.txt"));
    assertEquals("a?b?c?d", Display.printable("a\u202eb\u200bc\u2028d"));
    assertEquals("résumé 文件.pdf", Display.printable("résumé 文件.pdf"));
  }
}
