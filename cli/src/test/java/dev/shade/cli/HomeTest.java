package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HomeTest {
  @Test
  void theOptionWinsOverTheEnvironment() {
    Home home = Home.resolve(Path.of("/a"), Map.of(Home.ENV, "/b"));
    assertEquals(new Home(Path.of("/a"), true), home);
    assertEquals(Path.of("/a/shade.db"), home.database());
  }

  @Test
  void theEnvironmentWinsOverTheDefault() {
    assertEquals(new Home(Path.of("/b"), true), Home.resolve(null, Map.of(Home.ENV, "/b")));
  }

  @Test
  void theDefaultIsDotShadeInTheUsersHome() {
    Home home = Home.resolve(null, Map.of(Home.ENV, " "));
    assertEquals(new Home(Path.of(System.getProperty("user.home"), ".shade"), false), home);
    assertEquals("", home.option());
  }

  @Test
  void suggestedCommandsNameAChosenHomeQuoted() {
    assertEquals("--home '/tmp/my home' ", new Home(Path.of("/tmp/my home"), true).option());
    assertEquals("--home /tmp/a ", new Home(Path.of("/tmp/a"), true).option());
  }
}
