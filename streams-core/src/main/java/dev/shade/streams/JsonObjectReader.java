package dev.shade.streams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Typed, strict access to one JSON object of a control message. Absent and {@code null} are the
 * same for optional fields; a required field that is absent, null or of the wrong JSON type is a
 * {@link ShadeFormatException} naming its full path. Integers must be integral JSON numbers (no
 * {@code 1.0}, no {@code 1e3}) that fit their Java type; range limits are the records' to check.
 */
final class JsonObjectReader {
  private final JsonNode object;
  private final String path;

  private JsonObjectReader(JsonNode object, String path) {
    this.object = object;
    this.path = path;
  }

  /** Reads {@code node}, which must be a JSON object, found at {@code path} ("" for the root). */
  static JsonObjectReader of(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw new ShadeFormatException(path.isEmpty() ? JsonPaths.BODY : path, "must be an object");
    }
    return new JsonObjectReader(node, path);
  }

  String path(String name) {
    return JsonPaths.child(path, name);
  }

  String requiredText(String name) {
    return required(name, optionalText(name));
  }

  String optionalText(String name) {
    JsonNode node = present(name);
    if (node == null) {
      return null;
    }
    expect(name, node, JsonNodeType.STRING, "a string");
    return node.textValue();
  }

  boolean requiredBoolean(String name) {
    JsonNode node = required(name, present(name));
    expect(name, node, JsonNodeType.BOOLEAN, "true or false");
    return node.booleanValue();
  }

  long requiredLong(String name) {
    return required(name, optionalLong(name));
  }

  Long optionalLong(String name) {
    JsonNode node = present(name);
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber()) {
      throw new ShadeFormatException(path(name), "must be an integer");
    }
    if (!node.canConvertToLong()) {
      throw new ShadeFormatException(path(name), "out of range");
    }
    return node.longValue();
  }

  int requiredInt(String name) {
    long value = requiredLong(name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw new ShadeFormatException(path(name), "out of range");
    }
    return (int) value;
  }

  /** The object under {@code name}, or null when absent or null. */
  JsonObjectReader optionalObject(String name) {
    JsonNode node = present(name);
    return node == null ? null : of(node, path(name));
  }

  JsonObjectReader requiredObject(String name) {
    return of(required(name, present(name)), path(name));
  }

  /** Each element of the array under {@code name}, which must hold objects, built by {@code read}. */
  <T> List<T> requiredObjectList(String name, Function<JsonObjectReader, T> read) {
    JsonNode node = required(name, present(name));
    expect(name, node, JsonNodeType.ARRAY, "an array");
    if (node.size() > ControlLimits.MAX_LANES) {
      throw new ShadeFormatException(path(name),
          "has " + node.size() + " entries, over the limit of " + ControlLimits.MAX_LANES);
    }
    List<T> values = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      values.add(read.apply(of(node.get(i), JsonPaths.element(path(name), i))));
    }
    return values;
  }

  /** The object of strings under {@code name}, in document order, or null when absent or null. */
  Map<String, String> optionalStringMap(String name) {
    JsonNode node = present(name);
    if (node == null) {
      return null;
    }
    expect(name, node, JsonNodeType.OBJECT, "an object of strings");
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!e.getValue().isTextual()) {
        throw new ShadeFormatException(JsonPaths.child(path(name), e.getKey()), "must be a string");
      }
      values.put(e.getKey(), e.getValue().textValue());
    }
    return values;
  }

  /** Runs a record constructor, reporting its errors under this object's path. */
  <T> T build(Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (ShadeFormatException e) {
      throw JsonPaths.reRooted(path, e);
    }
  }

  private JsonNode present(String name) {
    JsonNode node = object.get(name);
    return node == null || node.isNull() ? null : node;
  }

  private <T> T required(String name, T value) {
    if (value == null) {
      throw new ShadeFormatException(path(name), "required");
    }
    return value;
  }

  private void expect(String name, JsonNode node, JsonNodeType type, String what) {
    if (node.getNodeType() != type) {
      throw new ShadeFormatException(path(name), "must be " + what);
    }
  }
}
