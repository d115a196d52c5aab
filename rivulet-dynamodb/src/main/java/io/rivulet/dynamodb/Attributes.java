package io.rivulet.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import io.rivulet.dynamodb.AttributeValue.Bytes;
import io.rivulet.dynamodb.AttributeValue.Type;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts attribute values between {@link AttributeValue} and the plain values the protocol layer
 * reads and writes ({@code {"S": "x"}} as a {@code Map}; blobs as {@code byte[]}), and reads the
 * same form back from a JSON tree (the journal). Stateless and thread-safe.
 */
public final class Attributes {
  private Attributes() {}

  /** An item or key map from the wire; null stays null. */
  public static Map<String, AttributeValue> fromWireMap(Map<String, Object> raw) {
    if (raw == null) {
      return null;
    }
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : raw.entrySet()) {
      out.put(e.getKey(), fromWire(e.getValue()));
    }
    return out;
  }

  /** One attribute value from the wire, checked as DynamoDB checks it. */
  @SuppressWarnings("unchecked")
  public static AttributeValue fromWire(Object raw) {
    if (!(raw instanceof Map)) {
      throw DynamoDbError.invalid("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    Map<String, Object> m = (Map<String, Object>) raw;
    if (m.isEmpty()) {
      throw DynamoDbError.invalid("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    if (m.size() > 1) {
      throw DynamoDbError.invalid(
          "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
    }
    Map.Entry<String, Object> e = m.entrySet().iterator().next();
    Object v = e.getValue();
    return switch (e.getKey()) {
      case "S" -> AttributeValue.s((String) v);
      case "N" -> AttributeValue.n((String) v);
      case "B" -> AttributeValue.b((byte[]) v);
      case "BOOL" -> AttributeValue.bool((Boolean) v);
      case "NULL" -> {
        if (!Boolean.TRUE.equals(v)) {
          throw DynamoDbError.invalidParameter("Null attribute value types must have the value of true");
        }
        yield AttributeValue.NULL;
      }
      case "SS" -> AttributeValue.ss(setOf((List<Object>) v, "An string set ", x -> (String) x));
      case "NS" -> AttributeValue.ns(setOf((List<Object>) v, "An number set ",
          x -> AttributeValue.parseNumber((String) x)));
      case "BS" -> AttributeValue.bs(setOf((List<Object>) v, "Binary sets", x -> new Bytes((byte[]) x)));
      case "M" -> AttributeValue.m(fromWireMap((Map<String, Object>) v));
      case "L" -> {
        List<AttributeValue> list = new ArrayList<>();
        for (Object item : (List<Object>) v) {
          list.add(fromWire(item));
        }
        yield AttributeValue.l(list);
      }
      default -> throw DynamoDbError.invalid(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    };
  }

  private static <T> Set<T> setOf(List<Object> raw, String what, java.util.function.Function<Object, T> convert) {
    if (raw.isEmpty()) {
      throw DynamoDbError.invalidParameter(what + " may not be empty");
    }
    Set<T> out = new LinkedHashSet<>();
    for (Object x : raw) {
      if (!out.add(convert.apply(x))) {
        throw DynamoDbError.invalid("Input collection " + raw + " contains duplicates.");
      }
    }
    return out;
  }

  /** An item for the wire (attribute name to {@code {"T": value}}); null stays null. */
  public static Map<String, Object> toWireMap(Map<String, AttributeValue> item) {
    if (item == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      out.put(e.getKey(), toWire(e.getValue()));
    }
    return out;
  }

  /** One value for the wire: a single-entry map from type name to value. */
  public static Map<String, Object> toWire(AttributeValue v) {
    Object out = switch (v.type()) {
      case S -> v.s();
      case N -> AttributeValue.numberText(v.n());
      case B -> v.b().toArray();
      case BOOL, NULL -> v.bool();
      case SS -> new ArrayList<>(v.elements());
      case NS -> {
        List<String> texts = new ArrayList<>();
        for (Object n : v.elements()) {
          texts.add(AttributeValue.numberText((BigDecimal) n));
        }
        yield texts;
      }
      case BS -> {
        List<byte[]> blobs = new ArrayList<>();
        for (Object b : v.elements()) {
          blobs.add(((Bytes) b).toArray());
        }
        yield blobs;
      }
      case M -> toWireMap(v.m());
      case L -> {
        List<Object> list = new ArrayList<>();
        for (AttributeValue item : v.l()) {
          list.add(toWire(item));
        }
        yield list;
      }
    };
    return Collections.singletonMap(v.type().name(), out);
  }

  /** An item from its JSON form ({@code toWireMap} written by Jackson: blobs as base64). */
  public static Map<String, AttributeValue> fromJsonMap(JsonNode node) {
    Map<String, AttributeValue> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), fromJson(e.getValue()));
    }
    return out;
  }

  /** One value from its JSON form. */
  public static AttributeValue fromJson(JsonNode node) {
    Map.Entry<String, JsonNode> e = node.properties().iterator().next();
    JsonNode v = e.getValue();
    Type type = Type.valueOf(e.getKey());
    return switch (type) {
      case S -> AttributeValue.s(v.textValue());
      case N -> AttributeValue.n(v.textValue());
      case B -> AttributeValue.b(Base64.getDecoder().decode(v.textValue()));
      case BOOL -> AttributeValue.bool(v.booleanValue());
      case NULL -> AttributeValue.NULL;
      case SS, NS, BS -> {
        Set<Object> elements = new LinkedHashSet<>();
        for (JsonNode x : v) {
          elements.add(type == Type.SS ? x.textValue() : type == Type.NS ? AttributeValue.parseNumber(x.textValue())
              : new Bytes(Base64.getDecoder().decode(x.textValue())));
        }
        yield AttributeValue.set(type, elements);
      }
      case M -> AttributeValue.m(fromJsonMap(v));
      case L -> {
        List<AttributeValue> list = new ArrayList<>();
        for (JsonNode x : v) {
          list.add(fromJson(x));
        }
        yield AttributeValue.l(list);
      }
    };
  }

  /** The stored size of an item: names plus values. */
  public static long itemSize(Map<String, AttributeValue> item) {
    long total = 0;
    for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
      total += AttributeValue.utf8Length(e.getKey()) + e.getValue().size();
    }
    return total;
  }
}
