package io.rivulet.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes output records (and maps, lists and plain values) to a JSON or CBOR generator as the AWS
 * JSON protocols encode them: null components omitted, empty lists kept, blobs as base64 strings
 * (JSON) or byte strings (CBOR), timestamps as epoch seconds with a fraction (JSON) or tag 1 with
 * epoch milliseconds (CBOR, what the AWS SDK for Java v2 reads). Member names come from the
 * output shape when one is known, else the component name capitalised. Thread-safe.
 *
 * <p>Each (record class, shape) pair is resolved once into a {@link Plan}: the components'
 * accessors as method handles, their member names pre-encoded, their child shapes and how their
 * values are written, so writing a record does no reflection and builds no strings.
 */
final class RecordWriter {
  /** The plan-cache key of "no shape" (shape names are never empty except the empty input). */
  private static final String NO_SHAPE = "\u0000";

  /**
   * The writer without a model, shared: its plans are cached like any other's, so model-less
   * encoding (event-stream payloads, error extras) does no reflection after a class's first use.
   */
  static final RecordWriter MODEL_LESS = new RecordWriter(null);

  private final ServiceModel model;
  private final ClassValue<Map<String, Plan>> plans =
      new ClassValue<>() {
        @Override
        protected Map<String, Plan> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  /** {@code model} may be null: names are then the component names capitalised. */
  RecordWriter(ServiceModel model) {
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
      writeList(g, (Collection<?>) value, child(shape, shape == null ? null : shape.member()));
    } else {
      writeScalar(g, value);
    }
  }

  private void writeList(JsonGenerator g, Collection<?> items, Shape member) throws IOException {
    g.writeStartArray();
    if (items instanceof List && items instanceof java.util.RandomAccess) {
      List<?> list = (List<?>) items;
      Plan last = null;
      for (int i = 0, n = list.size(); i < n; i++) {
        Object item = list.get(i);
        if (item instanceof Record) {
          if (last == null || last.type != item.getClass()) {
            last = plan(item.getClass(), member);
          }
          last.write(g, (Record) item, this);
        } else {
          write(g, item, member);
        }
      }
    } else {
      for (Object item : items) {
        write(g, item, member);
      }
    }
    g.writeEndArray();
  }

  private void writeRecord(JsonGenerator g, Record value, Shape shape) throws IOException {
    plan(value.getClass(), shape).write(g, value, this);
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
    } else if (millis > 0) {
      g.writeNumber(secondsWithFraction(millis));
    } else {
      g.writeNumber(BigDecimal.valueOf(millis, 3).stripTrailingZeros());
    }
  }

  /**
   * A positive, not whole-second millisecond count as {@code BigDecimal.valueOf(millis,
   * 3).stripTrailingZeros().toString()} prints it ({@code 1732550000.12}), without the BigDecimal.
   */
  static String secondsWithFraction(long millis) {
    long fraction = millis % 1000;
    int digits = 3;
    while (fraction % 10 == 0) {
      fraction /= 10;
      digits--;
    }
    StringBuilder sb = new StringBuilder(24).append(millis / 1000).append('.');
    String f = Long.toString(fraction);
    for (int i = f.length(); i < digits; i++) {
      sb.append('0');
    }
    return sb.append(f).toString();
  }

  private Shape child(Shape parent, String childShapeName) {
    if (model == null || parent == null || childShapeName == null) {
      return null;
    }
    return model.findShape(childShapeName).orElse(null);
  }

  /** The plan of a record class written with {@code shape} (null: none). */
  Plan plan(Class<?> type, Shape shape) {
    Map<String, Plan> byShape = plans.get(type);
    String key = shape == null ? NO_SHAPE : shape.name();
    Plan p = byShape.get(key);
    if (p == null) {
      p = byShape.computeIfAbsent(key, k -> new Plan(type, shape, this));
    }
    return p;
  }

  /** How one value is written, chosen from the component's declared type. */
  private enum Kind {
    STRING,
    INSTANT,
    BYTES,
    INT,
    LONG,
    BOOLEAN,
    LIST,
    OTHER;

    static Kind of(Class<?> type) {
      if (type == String.class) {
        return STRING;
      } else if (type == Instant.class) {
        return INSTANT;
      } else if (type == byte[].class) {
        return BYTES;
      } else if (type == Integer.class || type == int.class) {
        return INT;
      } else if (type == Long.class || type == long.class) {
        return LONG;
      } else if (type == Boolean.class || type == boolean.class) {
        return BOOLEAN;
      } else if (type == List.class) {
        return LIST;
      }
      return OTHER;
    }
  }

  /** A record component resolved against a shape. */
  private static final class Component {
    final SerializableString name;
    final MethodHandle accessor; // (Object) Object
    final Shape shape; // the member's shape, or null
    final Shape listMember; // for lists: the element shape, or null
    final Kind kind;

    Component(SerializableString name, MethodHandle accessor, Shape shape, Shape listMember, Kind kind) {
      this.name = name;
      this.accessor = accessor;
      this.shape = shape;
      this.listMember = listMember;
      this.kind = kind;
    }
  }

  /** One record class written with one shape. Immutable. */
  static final class Plan {
    final Class<?> type;
    private final Component[] components;

    Plan(Class<?> type, Shape shape, RecordWriter writer) {
      this.type = type;
      java.util.Collection<String> members = shape == null ? List.of() : shape.members().keySet();
      RecordComponent[] rc = type.getRecordComponents();
      this.components = new Component[rc.length];
      for (int i = 0; i < rc.length; i++) {
        String member = MemberNames.memberName(rc[i].getName(), members);
        Shape child = writer.child(shape, shape == null ? null : shape.members().get(member));
        Shape listMember = writer.child(child, child == null ? null : child.member());
        components[i] = new Component(new SerializedString(member), accessor(rc[i]), child, listMember,
            Kind.of(rc[i].getType()));
      }
    }

    private static MethodHandle accessor(RecordComponent c) {
      try {
        var method = c.getAccessor();
        method.setAccessible(true);
        return MethodHandles.lookup()
            .unreflect(method)
            .asType(MethodType.methodType(Object.class, Object.class));
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalStateException("cannot read " + c, e);
      }
    }

    void write(JsonGenerator g, Record value, RecordWriter writer) throws IOException {
      g.writeStartObject();
      for (Component c : components) {
        Object v;
        try {
          v = (Object) c.accessor.invokeExact((Object) value);
        } catch (RuntimeException | Error e) {
          throw e;
        } catch (Throwable e) {
          throw new IllegalStateException("cannot read " + c.name.getValue() + " of " + type, e);
        }
        if (v == null) {
          continue;
        }
        g.writeFieldName(c.name);
        switch (c.kind) {
          case STRING -> g.writeString((String) v);
          case INSTANT -> writeTimestamp(g, (Instant) v);
          case BYTES -> g.writeBinary((byte[]) v);
          case INT -> g.writeNumber(((Integer) v).intValue());
          case LONG -> g.writeNumber(((Long) v).longValue());
          case BOOLEAN -> g.writeBoolean((Boolean) v);
          case LIST -> writer.writeList(g, (List<?>) v, c.listMember);
          default -> writer.write(g, v, c.shape);
        }
      }
      g.writeEndObject();
    }
  }
}
