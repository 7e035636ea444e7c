package dev.shade.streams;

import static dev.shade.streams.ControlMessages.SHA_B;
import static dev.shade.streams.ControlMessages.THUMBNAIL_ID;
import static dev.shade.streams.ControlMessages.repeatCodePoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileMetadataRulesTest {

  private static FileMetadata named(String filename) {
    return FileMetadata.of(filename, null);
  }

  private static FileMetadata typed(String mimeType) {
    return FileMetadata.of(null, mimeType);
  }

  private static FileMetadata thumbnail(String hash, String mime, Long bytes) {
    return new FileMetadata(null, null, THUMBNAIL_ID, hash, mime, bytes);
  }

  private static void assertAccepted(FileMetadata metadata) {
    assertEquals(Optional.empty(), FileMetadataRules.firstViolation(metadata));
    assertEquals(metadata, FileMetadataRules.validate(metadata));
  }

  private static void assertBroken(String field, FileMetadata metadata) {
    FileMetadataRules.Violation v = FileMetadataRules.firstViolation(metadata).orElseThrow();
    assertEquals(field, v.field());
    assertTrue(v.declineReason().startsWith("fileMetadata." + field + ": "), v.declineReason());
    ShadeFormatException e =
        assertThrows(ShadeFormatException.class, () -> FileMetadataRules.validate(metadata));
    assertEquals(field, e.field());
  }

  @Test
  void emptyMetadataBreaksNoRule() {
    assertAccepted(new FileMetadata(null, null, null, null, null, null));
  }

  @Test
  void completeMetadataIsAccepted() {
    assertAccepted(new FileMetadata("Ünïcødé 報告 🎉.tar.gz", "application/vnd.api+json",
        THUMBNAIL_ID, SHA_B, "image/webp", 65536L));
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "report.pdf", "...", ".hidden", ".shad", "x.shade", "shade",
      "a b", "with 'quotes' & $ymbols!", "emoji 🙂", "\u00A0no-break", "\u00A0", "é",
      "\u200Fmark-right-to-left", "..a", "a..", ". "})
  void ordinaryFilenamesAreAccepted(String filename) {
    assertAccepted(named(filename));
  }

  @Test
  void filenamesCountCodePointsNotChars() {
    String astral1024 = repeatCodePoint(0x1F4C4, 1024);
    assertEquals(2048, astral1024.length());
    assertAccepted(named(astral1024));
    assertBroken("filename", named(astral1024 + "a"));
    assertAccepted(named(repeatCodePoint('a', 1024)));
    assertBroken("filename", named(repeatCodePoint('a', 1025)));
    assertBroken("filename", named(""));
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "..", "a/b", "/etc/passwd", "..\\x", "a\\b", "nul\u0000byte",
      "tab\there", "new\nline", "\r", "\u001F", "del\u007F", "c1\u0080", "c1\u0085next",
      "c1\u009F", "\u202Aembed", "rlo\u202Egpj.exe", "\u202B", "\u202C", "\u202D",
      "iso\u2066late", "\u2067", "\u2068", "pdi\u2069", ".shade", ".shade-partial",
      ".shade-partial/x", ".SHADE-PARTIAL", ".Shade", ".shadeanything"})
  void dangerousFilenamesAreRefused(String filename) {
    assertBroken("filename", named(filename));
  }

  @Test
  void refusalsNameTheCharacterButNeverQuoteTheName() {
    FileMetadataRules.Violation v =
        FileMetadataRules.firstViolation(named("invoice\u202Efdp.exe")).orElseThrow();
    assertEquals("contains a bidi control U+202E at code point 7", v.problem());
    assertEquals(-1, v.declineReason().indexOf("invoice"));
    assertEquals("contains a control character U+0085 at code point 2",
        FileMetadataRules.firstViolation(named("🙂x\u0085")).orElseThrow().problem());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/pdf", "image/svg+xml",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "x-a/y.b",
      "a/b", "!#$%&'*+.^_`|~/0-9"})
  void mimeTypesThatAreTokenPairsAreAccepted(String mimeType) {
    assertAccepted(typed(mimeType));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "text", "text/", "/plain", "text/plain; charset=utf-8",
      "text/plain;charset=utf-8", "text /plain", "text/plain ", "a/b/c", "té/xt", "text/pl\"ain",
      "text/(plain)", "text/plain\n", "{a}/b", "a/b@c"})
  void mimeTypesThatAreNotTokenPairsAreRefused(String mimeType) {
    assertBroken("mimeType", typed(mimeType));
  }

  @Test
  void thumbnailMimeIsAllowlisted() {
    for (String ok : new String[] {"image/jpeg", "image/webp", "image/png"}) {
      assertAccepted(thumbnail(SHA_B, ok, 1L));
    }
    for (String bad : new String[] {"image/gif", "image/svg+xml", "IMAGE/PNG", "image/png ",
        "image/jpg", "text/html", ""}) {
      assertBroken("thumbnailMime", thumbnail(SHA_B, bad, 1L));
    }
  }

  @Test
  void thumbnailBytesAreAtMost64KiB() {
    assertAccepted(thumbnail(SHA_B, "image/png", 0L));
    assertAccepted(thumbnail(SHA_B, "image/png", 65536L));
    assertBroken("thumbnailBytes", thumbnail(SHA_B, "image/png", 65537L));
  }

  @Test
  void thumbnailHashIsLowercaseSha256Hex() {
    assertAccepted(thumbnail("f".repeat(64), "image/png", 1L));
    assertBroken("thumbnailHash", thumbnail("F".repeat(64), "image/png", 1L));
    assertBroken("thumbnailHash", thumbnail("f".repeat(63), "image/png", 1L));
    assertBroken("thumbnailHash", thumbnail("f".repeat(65), "image/png", 1L));
    assertBroken("thumbnailHash", thumbnail("g".repeat(64), "image/png", 1L));
  }

  @Test
  void theFirstBrokenRuleInFieldOrderIsReported() {
    FileMetadata everythingWrong = new FileMetadata("..", "nope", THUMBNAIL_ID, "X", "image/gif",
        1L << 20);
    assertEquals("filename", FileMetadataRules.firstViolation(everythingWrong).orElseThrow()
        .field());
    assertEquals("thumbnailHash", FileMetadataRules.firstViolation(
        new FileMetadata("ok.txt", "text/plain", THUMBNAIL_ID, "X", "image/gif", 1L << 20))
        .orElseThrow().field());
  }
}
