package io.rivulet.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The reference for equivalence tests: the reflective writer as it was before the cached plans (commit
 * 44de13e), kept unchanged so the fast paths can be compared with it byte for byte.
 *
 * Writes output records (and maps, lists and plain values) to a JSON or CBOR generator as the AWS
 * JSON protocols encode them: null components omitted, empty lists kept, blobs as base64 strings
 * (JSON) or byte strings (CBOR), timestamps as epoch seconds with a fraction (JSON) or tag 1 with
 * epoch milliseconds (CBOR, what the AWS SDK for Java v2 reads). Member names come from the
 * output shape when one is known, else the component name capitalised. Stateless and thread-safe.
 */
final class LegacyRecordWriter {
  private final ServiceModel model;

  /** {@code model} may be null: names are then the component names capitalised. */
  LegacyRecordWriter(ServiceModel model) {
    this.model = model;
  }

  void write(JsonGenerator g, Object value, Shape shape) throws IOException {
    if (value == null) {
      g.writeNull();
    } else if (value instanceof Record) {
      writeRecord(g, (Record) value, shape);
    } else if (value instanceof JsonNode) {
      g.writeTree((JsonNode) value);
    } else if (value instanceof Map) {
      writeMap(g, (Map<?, ?>) value, shape);
    } else if (value instanceof Collection) {
      Shape member = child(shape, shape == null ? null : shape.member());
      g.writeStartArray();
      for (Object item : (Collection<?>) value) {
        write(g, item, member);
      }
      g.writeEndArray();
    } else {
      writeScalar(g, value);
    }
  }

  private void writeRecord(JsonGenerator g, Record value, Shape shape) throws IOException {
    Collection<String> members = shape == null ? List.of() : shape.members().keySet();
    g.writeStartObject();
    for (RecordComponent c : value.getClass().getRecordComponents()) {
      Object v = read(c, value);
      if (v == null) {
        continue;
      }
      String member = MemberNames.memberName(c.getName(), members);
      g.writeFieldName(member);
      write(g, v, child(shape, shape == null ? null : shape.members().get(member)));
    }
    g.writeEndObject();
  }

  private void writeMap(JsonGenerator g, Map<?, ?> value, Shape shape) throws IOException {
    boolean structure = shape != null && shape.type() == ShapeType.STRUCTURE;
    g.writeStartObject();
    for (Map.Entry<?, ?> e : value.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      String name = String.valueOf(e.getKey());
      g.writeFieldName(name);
      String childName = shape == null ? null : structure ? shape.members().get(name) : shape.value();
      write(g, e.getValue(), child(shape, childName));
    }
    g.writeEndObject();
  }

  private static void writeScalar(JsonGenerator g, Object value) throws IOException {
    if (value instanceof String) {
      g.writeString((String) value);
    } else if (value instanceof Boolean) {
      g.writeBoolean((Boolean) value);
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      g.writeNumber(((Number) value).intValue());
    } else if (value instanceof Long) {
      g.writeNumber((Long) value);
    } else if (value instanceof BigInteger) {
      g.writeNumber((BigInteger) value);
    } else if (value instanceof BigDecimal) {
      g.writeNumber((BigDecimal) value);
    } else if (value instanceof Number) {
      g.writeNumber(((Number) value).doubleValue());
    } else if (value instanceof byte[]) {
      g.writeBinary((byte[]) value);
    } else if (value instanceof ByteBuffer) {
      ByteBuffer b = ((ByteBuffer) value).duplicate();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      g.writeBinary(bytes);
    } else if (value instanceof Instant) {
      writeTimestamp(g, (Instant) value);
    } else if (value instanceof Enum) {
      g.writeString(value.toString());
    } else {
      throw new IllegalStateException("cannot encode " + value.getClass().getName());
    }
  }

  /** JSON: epoch seconds with up to millisecond fraction; CBOR: tag 1 and epoch milliseconds. */
  static void writeTimestamp(JsonGenerator g, Instant t) throws IOException {
    long millis = t.toEpochMilli();
    if (g instanceof CBORGenerator) {
      ((CBORGenerator) g).writeTag(1);
      g.writeNumber(millis);
    } else if (Math.floorMod(millis, 1000L) == 0) {
      g.writeNumber(Math.floorDiv(millis, 1000L));
    } else {
      g.writeNumber(BigDecimal.valueOf(millis, 3).stripTrailingZeros());
    }
  }

  private Shape child(Shape parent, String childShapeName) {
    if (model == null || parent == null || childShapeName == null) {
      return null;
    }
    return model.findShape(childShapeName).orElse(null);
  }

  private static Object read(RecordComponent c, Record value) {
    try {
      var accessor = c.getAccessor();
      accessor.setAccessible(true);
      return accessor.invoke(value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c, e);
    }
  }
}
