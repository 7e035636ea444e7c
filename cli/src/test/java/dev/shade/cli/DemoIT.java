package dev.shade.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoIT {
  private static final Pattern SHA256 = Pattern.compile("sha256 of the (source|received) file +"
      + "([0-9a-f]{64})");
  private static final Pattern SAFETY = Pattern.compile("safety number computed by \\S+ +"
      + "((?:[0-9]{5} ){11}[0-9]{5})");
  @TempDir
  Path dir;

  @Test
  void demoSendsAGeneratedFileEndToEndAndCleansUp() {
    ShadeProcess.Result r = ShadeProcess.run(dir, "demo", "--size", "3000001", "--lanes", "3");
    assertEquals(0, r.exitCode(), r::toString);
    Matcher sha = SHA256.matcher(r.stdout());
    assertTrue(sha.find(), r::toString);
    String source = sha.group(2);
    assertTrue(sha.find(), r::toString);
    assertEquals(source, sha.group(2));
    Matcher safety = SAFETY.matcher(r.stdout());
    assertTrue(safety.find(), r::toString);
    String atAlice = safety.group(1);
    assertTrue(safety.find(), r::toString);
    assertEquals(atAlice, safety.group(1));
    assertTrue(r.stdout().contains("verified: identical; "), r::toString);
    Matcher cleaned = Pattern.compile("cleaned up (\\S+)").matcher(r.stdout());
    assertTrue(cleaned.find(), r::toString);
    assertTrue(Files.notExists(Path.of(cleaned.group(1))), r::toString);
  }
}
