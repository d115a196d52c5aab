package io.rivulet.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fast path of {@link ShapeReader}: reads a body straight from the parser, in one pass and
 * without a tree, into the same values, for bodies where that is simple; returns null (and the
 * caller takes the general path: parse into a tree, then {@link ShapeReader}) for anything else.
 *
 * <p>It succeeds only when the general path would succeed with the same values: the body is one
 * object with no trailing tokens (the whole body is tokenised, unknown members too, so a syntax
 * error anywhere is seen), no member or map key appears twice, and every value has the plain
 * token of its shape's type: strings for strings, byte strings (CBOR) or strict base64 for blobs,
 * {@code true}/{@code false} for booleans, integers that fit a {@code long} for whole numbers and
 * timestamps, objects and arrays for structures, maps and lists, or null. Type errors, floating
 * numbers, strings for booleans and everything else fall back, so every error, with its message,
 * still comes from the general path. Thread-safe.
 */
final class StreamingShapeReader {
  /** Thrown inside to abandon the fast path; never escapes. */
  private static final class Fallback extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Fallback() {
      super(null, null, false, false);
    }
  }

  private static final Fallback FALLBACK = new Fallback();

  private final ServiceModel model;
  private final boolean cbor;
  /** Per structure shape name: member name to its index and shape. */
  private final Map<String, Map<String, Member>> structures = new ConcurrentHashMap<>();

  private record Member(int index, Shape shape) {}

  StreamingShapeReader(ServiceModel model, WireFormat format) {
    this.model = model;
    this.cbor = format.isCbor();
  }

  /** The values {@link ShapeReader#readStructure} would read from this body, or null. */
  Map<String, Object> read(JsonFactory factory, byte[] body, Shape shape) {
    try (JsonParser p = factory.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      Map<String, Object> out = structure(p, shape);
      return p.nextToken() == null ? out : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private Map<String, Member> members(Shape shape) {
    Map<String, Member> m = structures.get(shape.name());
    if (m == null) {
      Map<String, Member> built = new HashMap<>();
      int i = 0;
      for (Map.Entry<String, String> e : shape.members().entrySet()) {
        built.put(e.getKey(), new Member(i++, model.shape(e.getValue())));
      }
      m = built;
      if (!shape.name().isEmpty()) {
        structures.put(shape.name(), m);
      }
    }
    return m;
  }

  /** After START_OBJECT: the known, non-null members in body order. */
  private Map<String, Object> structure(JsonParser p, Shape shape) throws IOException {
    Map<String, Member> members = members(shape);
    if (members.size() > 64) {
      throw FALLBACK;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    long seen = 0;
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      Member member = members.get(name);
      if (member == null) {
        skip(p, v);
        continue;
      }
      long bit = 1L << member.index();
      if ((seen & bit) != 0) {
        throw FALLBACK; // a repeated member: the tree keeps the last value
      }
      seen |= bit;
      Object value = value(p, v, member.shape());
      if (value != null) {
        out.put(name, value);
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw FALLBACK;
    }
    return out;
  }

  /**
   * Skips an unknown member's value, decoding its strings as the tree would: Jackson decodes text
   * lazily, so {@code skipChildren} let invalid UTF-8 in CBOR through (found by the fuzz harness).
   */
  private static void skip(JsonParser p, JsonToken t) throws IOException {
    int depth = 0;
    JsonToken token = t;
    while (true) {
      if (token == null) {
        throw FALLBACK;
      }
      if (token.isStructStart()) {
        depth++;
      } else if (token.isStructEnd()) {
        depth--;
      } else if (token == JsonToken.VALUE_STRING) {
        p.getText();
      }
      if (depth == 0) {
        return;
      }
      token = p.nextToken();
    }
  }

  private Object value(JsonParser p, JsonToken t, Shape shape) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    switch (shape.type()) {
      case STRUCTURE:
        expect(t, JsonToken.START_OBJECT);
        return structure(p, shape);
      case LIST:
        expect(t, JsonToken.START_ARRAY);
        return list(p, model.shape(shape.member()));
      case MAP:
        expect(t, JsonToken.START_OBJECT);
        return map(p, model.shape(shape.value()));
      case STRING:
        expect(t, JsonToken.VALUE_STRING);
        return p.getText();
      case BOOLEAN:
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
          return t == JsonToken.VALUE_TRUE;
        }
        throw FALLBACK;
      case BLOB:
        return blob(p, t);
      case TIMESTAMP:
        return Instant.ofEpochMilli(cbor ? wholeNumber(p, t) : Math.multiplyExact(wholeNumber(p, t), 1000L));
      case INTEGER:
        return clamp(wholeNumber(p, t), Integer.MIN_VALUE, Integer.MAX_VALUE);
      case SHORT:
        return clamp(wholeNumber(p, t), Short.MIN_VALUE, Short.MAX_VALUE);
      case BYTE:
        return clamp(wholeNumber(p, t), Byte.MIN_VALUE, Byte.MAX_VALUE);
      case LONG:
        return wholeNumber(p, t);
      default:
        throw FALLBACK; // floating numbers
    }
  }

  private static void expect(JsonToken actual, JsonToken expected) {
    if (actual != expected) {
      throw FALLBACK;
    }
  }

  private List<Object> list(JsonParser p, Shape member) throws IOException {
    List<Object> out = new ArrayList<>();
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t == null) {
        throw FALLBACK;
      }
      out.add(value(p, t, member));
    }
    return out;
  }

  private Map<String, Object> map(JsonParser p, Shape value) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (out.containsKey(key)) {
        throw FALLBACK;
      }
      out.put(key, value(p, p.nextToken(), value));
    }
    if (t != JsonToken.END_OBJECT) {
      throw FALLBACK;
    }
    return out;
  }

  private static byte[] blob(JsonParser p, JsonToken t) throws IOException {
    if (t == JsonToken.VALUE_EMBEDDED_OBJECT) {
      Object o = p.getEmbeddedObject();
      if (o instanceof byte[]) {
        return (byte[]) o;
      }
      throw FALLBACK;
    }
    expect(t, JsonToken.VALUE_STRING);
    return ShapeReader.Base64Strict.decode(p.getText()); // an error falls back
  }

  private static long wholeNumber(JsonParser p, JsonToken t) throws IOException {
    expect(t, JsonToken.VALUE_NUMBER_INT);
    JsonParser.NumberType type = p.getNumberType();
    if (type != JsonParser.NumberType.INT && type != JsonParser.NumberType.LONG) {
      throw FALLBACK;
    }
    return p.getLongValue();
  }

  private static Long clamp(long v, long min, long max) {
    return Math.max(min, Math.min(max, v));
  }
}
