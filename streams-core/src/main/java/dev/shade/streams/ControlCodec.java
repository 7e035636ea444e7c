package dev.shade.streams;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The JSON form of {@link ControlMessage}s: UTF-8 bytes in, records out, and back.
 *
 * <p>Decoding is strict and total: any input either yields a valid message or throws a {@link
 * ShadeFormatException} whose {@link ShadeFormatException#field() field()} names the problem
 * ({@code metadata.lanes}, {@code lanes[2].sha256}, or {@code body} for the message as a whole),
 * and never any other exception. It refuses, before looking further:
 *
 * <ul>
 *   <li>input over {@link ControlLimits#MAX_MESSAGE_BYTES} — as the subclass {@link
 *       ControlMessageTooLargeException} (413), without reading it;
 *   <li>invalid UTF-8 (including overlong forms and encoded surrogates) and a byte order mark;
 *   <li>anything but one JSON object: syntax errors, a non-object top level, trailing content,
 *       duplicate keys at any depth, nesting deeper than {@link ControlLimits#MAX_NESTING_DEPTH};
 * </ul>
 *
 * and then, for known kinds: missing or null required fields, wrong JSON types, numbers that are
 * not integral JSON integers ({@code 1.5}, {@code 1.0} and {@code 1e3} are all refused), bad
 * base64url, and anything the records refuse (limits, {@code range} without {@code totalBytes}).
 * Unknown fields are ignored; an unknown {@code kind} decodes to {@link UnknownControlMessage}.
 * Error messages never quote input, which may hold a stream secret.
 *
 * <p>Encoding writes DESIGN.md's field names, leaves out optional fields that are null, and
 * refuses (with {@link ControlMessageTooLargeException}) a message whose JSON would exceed the
 * cap, since the peer would refuse it. Encoding a {@link StreamInit} whose secret was destroyed
 * throws {@link IllegalStateException}.
 *
 * <p>Thread safety: stateless; one shared, pre-configured Jackson mapper serves all threads.
 *
 * <pre>{@code
 * byte[] json = ControlCodec.encode(new StreamAccept(streamId));
 * // {"kind":"shade.stream-accept/v1","streamId":"..."}
 * ControlMessage message = ControlCodec.decode(json);
 * if (message instanceof StreamAccept accept) {
 *   startSending(accept.streamId());
 * } else if (message instanceof UnknownControlMessage unknown) {
 *   log.info("ignoring control message of unknown kind");
 * }
 * }</pre>
 */
public final class ControlCodec {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(ControlLimits.MAX_NESTING_DEPTH)
          .maxDocumentLength(ControlLimits.MAX_MESSAGE_BYTES)
          .maxStringLength(ControlLimits.MAX_MESSAGE_BYTES)
          .maxNameLength(ControlLimits.MAX_MESSAGE_BYTES)
          .maxNumberLength(64)
          .build())
      .build();
  private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private ControlCodec() {}

  /**
   * The UTF-8 JSON of {@code message}.
   *
   * @throws ControlMessageTooLargeException when the JSON would exceed {@link
   *     ControlLimits#MAX_MESSAGE_BYTES}
   */
  public static byte[] encode(ControlMessage message) {
    byte[] json;
    try {
      json = MAPPER.writeValueAsBytes(ControlJsonWriter.write(message));
    } catch (JsonProcessingException e) {
      // Records hold only well-formed text, so writing a tree to memory cannot fail.
      throw new IllegalStateException("could not write a control message", e);
    }
    if (json.length > ControlLimits.MAX_MESSAGE_BYTES) {
      throw new ControlMessageTooLargeException(json.length);
    }
    return json;
  }

  /**
   * Reads one control message from its UTF-8 JSON.
   *
   * @throws ShadeFormatException for anything but a well-formed message of a known kind or a
   *     well-formed object of an unknown kind; the only exception this method throws
   */
  public static ControlMessage decode(byte[] utf8Json) {
    if (utf8Json == null) {
      throw new ShadeFormatException(JsonPaths.BODY, "required");
    }
    if (utf8Json.length > ControlLimits.MAX_MESSAGE_BYTES) {
      throw new ControlMessageTooLargeException(utf8Json.length);
    }
    return ControlJsonReader.read(parse(strictUtf8(utf8Json)));
  }

  /**
   * The JSON object {@code stream-init} carries as {@code metadata}, for stores that keep a
   * stream's plan.
   */
  public static String encodeMetadata(StreamMetadata metadata) {
    try {
      return MAPPER.writeValueAsString(ControlJsonWriter.metadataObject(metadata));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write stream metadata", e);
    }
  }

  /**
   * Reads what {@link #encodeMetadata} wrote, with the checks {@code stream-init} gets.
   *
   * @throws ShadeFormatException when {@code json} is not a well-formed metadata object
   */
  public static StreamMetadata decodeMetadata(String json) {
    if (json == null) {
      throw new ShadeFormatException("metadata", "required");
    }
    if (json.length() > ControlLimits.MAX_MESSAGE_BYTES) {
      throw new ShadeFormatException("metadata", "too long");
    }
    return ControlJsonReader.metadataObject(parse(json));
  }

  private static String strictUtf8(byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ShadeFormatException(JsonPaths.BODY, "not valid UTF-8");
    }
    if (text.startsWith("\uFEFF")) {
      throw new ShadeFormatException(JsonPaths.BODY, "must not start with a byte order mark");
    }
    return text;
  }

  // Parsing from a String (not bytes) keeps Jackson from guessing UTF-16 or UTF-32.
  private static JsonNode parse(String json) {
    JsonParser parser = null;
    try {
      parser = FACTORY.createParser(json);
      JsonNode root = MAPPER.readTree(parser);
      if (root != null && parser.nextToken() != null) {
        throw new ShadeFormatException(JsonPaths.BODY, "has content after the JSON object");
      }
      return root;
    } catch (JsonProcessingException e) {
      throw syntaxError(parser, e);
    } catch (IOException e) {
      throw new ShadeFormatException(JsonPaths.BODY, "could not be read as JSON");
    } finally {
      closeQuietly(parser);
    }
  }

  // Jackson's own message may quote the input (and so a secret): only its position is kept.
  private static ShadeFormatException syntaxError(JsonParser parser, JsonProcessingException e) {
    String field = parser == null ? JsonPaths.BODY : pathOf(parser.getParsingContext());
    String problem;
    if (e instanceof StreamConstraintsException) {
      problem = "exceeds a parser limit (nesting depth " + ControlLimits.MAX_NESTING_DEPTH
          + ", or number length)";
    } else if (e instanceof JsonEOFException) {
      problem = "ends before the JSON is complete";
    } else if (e.getOriginalMessage() != null
        && e.getOriginalMessage().startsWith("Duplicate field")) {
      problem = "appears more than once";
    } else {
      problem = "is not valid JSON";
    }
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      problem += " (line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr() + ")";
    }
    return new ShadeFormatException(field, problem);
  }

  private static String pathOf(JsonStreamContext context) {
    Deque<String> segments = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.push("[" + c.getCurrentIndex() + "]");
      } else if (c.getCurrentName() != null) {
        segments.push(JsonPaths.child("", c.getCurrentName()));
      }
    }
    StringBuilder path = new StringBuilder();
    for (String segment : segments) {
      if (path.length() > 0 && !segment.startsWith("[")) {
        path.append('.');
      }
      path.append(segment);
    }
    return path.length() == 0 ? JsonPaths.BODY : path.toString();
  }

  private static void closeQuietly(JsonParser parser) {
    if (parser != null) {
      try {
        parser.close();
      } catch (IOException ignored) {
        // Parsing from a String: nothing to release.
      }
    }
  }
}
