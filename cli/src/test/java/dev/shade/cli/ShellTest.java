package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShellTest {
  @Test
  void plainWordsStayAsTheyAre() {
    assertEquals("/tmp/a-b_c.txt", Shell.quote("/tmp/a-b_c.txt"));
  }

  @Test
  void anythingElseIsSingleQuotedWithQuotesEscaped() {
    assertEquals("'my file.txt'", Shell.quote("my file.txt"));
    assertEquals("'it'\\''s; rm -rf ~'", Shell.quote("it's; rm -rf ~"));
    assertEquals("'$(x)'", Shell.quote("$(x)"));
  }
}
