package dev.shade.streams;

import static dev.shade.streams.ControlMessages.assertSameMessage;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class ControlCodecPropertiesTest {
  private static final int EXAMPLES = 400;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void anyValidMessageRoundTrips() {
    qt().withExamples(EXAMPLES).forAll(ControlMessageGenerators.anyMessage())
        .checkAssert(m -> assertSameMessage(m, ControlCodec.decode(ControlCodec.encode(m))));
  }

  @Test
  void anyByteMutationDecodesToAValidMessageOrIsRefused() {
    Gen<Integer> mutationCount = integers().between(1, 4);
    Gen<Integer> position = integers().between(0, Integer.MAX_VALUE);
    Gen<Integer> kind = integers().between(0, 4);
    Gen<Byte> value = Generate.bytes(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0);
    Gen<byte[]> mutated = ControlMessageGenerators.anyMessage().map(ControlCodec::encode)
        .flatMap(json -> in -> {
          byte[] bytes = json;
          int n = mutationCount.generate(in);
          for (int i = 0; i < n; i++) {
            bytes = mutate(bytes, kind.generate(in), position.generate(in), value.generate(in));
          }
          return bytes;
        });
    qt().withExamples(EXAMPLES * 2).forAll(mutated)
        .checkAssert(ControlCodecPropertiesTest::decodesValidlyOrIsRefused);
  }

  @Test
  void anyValueSwappedForAnotherDecodesToAValidMessageOrIsRefused() {
    Gen<Integer> index = integers().between(0, Integer.MAX_VALUE);
    List<JsonNode> replacements = List.of(NODES.numberNode(-1), NODES.numberNode(0),
        NODES.numberNode(1), NODES.numberNode(1.5), NODES.numberNode(4.0),
        NODES.numberNode(1L << 53), NODES.numberNode(Long.MAX_VALUE),
        BigIntegerNode.valueOf(new BigInteger("1" + "0".repeat(30))), NODES.textNode(""),
        NODES.textNode("x"), NODES.textNode("AAAAAAAAAAAAAAAAAAAAAA"), NODES.textNode("range"),
        NODES.textNode("a".repeat(64)), NODES.nullNode(), NODES.booleanNode(true),
        NODES.arrayNode(), NODES.objectNode());
    Gen<JsonNode> replacement = Generate.pick(replacements);
    Gen<byte[]> swapped = ControlMessageGenerators.anyMessage().flatMap(m -> in -> {
      ObjectNode tree = tree(ControlCodec.encode(m));
      List<ValueSlot> slots = new ArrayList<>();
      collectSlots(tree, slots);
      ValueSlot slot = slots.get(index.generate(in) % slots.size());
      slot.replace(replacement.generate(in).deepCopy());
      return bytes(tree);
    });
    qt().withExamples(EXAMPLES * 2).forAll(swapped)
        .checkAssert(ControlCodecPropertiesTest::decodesValidlyOrIsRefused);
  }

  /** The property: a valid message that re-encodes to itself, or a ShadeFormatException. */
  static void decodesValidlyOrIsRefused(byte[] json) {
    ControlMessage decoded;
    try {
      decoded = ControlCodec.decode(json);
    } catch (ShadeFormatException refused) {
      assertTrue(refused.field() != null && !refused.field().isEmpty());
      return;
    }
    assertSameMessage(decoded, ControlCodec.decode(ControlCodec.encode(decoded)));
  }

  private static byte[] mutate(byte[] json, int kind, int position, byte value) {
    if (json.length == 0) {
      return new byte[] {value};
    }
    int at = position % json.length;
    switch (kind) {
      case 0: { // overwrite a byte
        byte[] copy = json.clone();
        copy[at] = value;
        return copy;
      }
      case 1: { // flip one bit
        byte[] copy = json.clone();
        copy[at] ^= (byte) (1 << (value & 7));
        return copy;
      }
      case 2: // truncate
        return Arrays.copyOf(json, at);
      case 3: { // insert a byte
        byte[] copy = new byte[json.length + 1];
        System.arraycopy(json, 0, copy, 0, at);
        copy[at] = value;
        System.arraycopy(json, at, copy, at + 1, json.length - at);
        return copy;
      }
      default: { // delete a byte
        byte[] copy = new byte[json.length - 1];
        System.arraycopy(json, 0, copy, 0, at);
        System.arraycopy(json, at + 1, copy, at, json.length - at - 1);
        return copy;
      }
    }
  }

  /** A place in a tree that holds a value: an object's field or an array's element. */
  private record ValueSlot(ContainerNode<?> parent, String name, int index) {
    void replace(JsonNode value) {
      if (parent instanceof ObjectNode o) {
        o.set(name, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }
  }

  private static void collectSlots(JsonNode node, List<ValueSlot> slots) {
    if (node instanceof ObjectNode o) {
      for (Map.Entry<String, JsonNode> e : o.properties()) {
        slots.add(new ValueSlot(o, e.getKey(), -1));
        collectSlots(e.getValue(), slots);
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        slots.add(new ValueSlot(a, null, i));
        collectSlots(a.get(i), slots);
      }
    }
  }

  private static ObjectNode tree(byte[] json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
