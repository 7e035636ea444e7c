package dev.shade.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ErrorCodeWireNamesTest {
  @Test
  void everyCodeIsFoundByItsWireNameAndNothingElseIs() {
    for (ErrorCode code : ErrorCode.values()) {
      assertEquals(Optional.of(code), ErrorCode.fromWireName(code.wireName()));
    }
    assertTrue(ErrorCode.fromWireName("MALFORMED").isEmpty());
    assertTrue(ErrorCode.fromWireName("").isEmpty());
    assertTrue(ErrorCode.fromWireName(null).isEmpty());
  }
}
