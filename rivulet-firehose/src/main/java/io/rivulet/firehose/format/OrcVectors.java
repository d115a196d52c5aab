package io.rivulet.firehose.format;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.orc.TypeDescription;
import org.apache.orc.storage.common.type.HiveDecimal;
import org.apache.orc.storage.ql.exec.vector.BytesColumnVector;
import org.apache.orc.storage.ql.exec.vector.ColumnVector;
import org.apache.orc.storage.ql.exec.vector.DecimalColumnVector;
import org.apache.orc.storage.ql.exec.vector.DoubleColumnVector;
import org.apache.orc.storage.ql.exec.vector.ListColumnVector;
import org.apache.orc.storage.ql.exec.vector.LongColumnVector;
import org.apache.orc.storage.ql.exec.vector.MapColumnVector;
import org.apache.orc.storage.ql.exec.vector.StructColumnVector;
import org.apache.orc.storage.ql.exec.vector.TimestampColumnVector;
import org.apache.orc.storage.ql.exec.vector.VectorizedRowBatch;

/** Hive types as ORC types, and rows into ORC's column vectors. Stateless. */
final class OrcVectors {
  private OrcVectors() {}

  /** The ORC type of a Hive type (ORC's types are Hive's). */
  static TypeDescription type(HiveType type) {
    if (type instanceof HiveType.Struct s) {
      TypeDescription struct = TypeDescription.createStruct();
      for (HiveType.Field f : s.fields()) {
        struct.addField(f.name(), type(f.type()));
      }
      return struct;
    }
    if (type instanceof HiveType.ListOf l) {
      return TypeDescription.createList(type(l.element()));
    }
    if (type instanceof HiveType.MapOf m) {
      return TypeDescription.createMap(type(m.key()), type(m.value()));
    }
    if (type instanceof HiveType.Decimal d) {
      return TypeDescription.createDecimal().withPrecision(d.precision()).withScale(d.scale());
    }
    if (type instanceof HiveType.Text t) {
      return (t.fixed() ? TypeDescription.createChar() : TypeDescription.createVarchar())
          .withMaxLength(t.length());
    }
    return switch (((HiveType.Primitive) type).kind()) {
      case STRING -> TypeDescription.createString();
      case TINYINT -> TypeDescription.createByte();
      case SMALLINT -> TypeDescription.createShort();
      case INT -> TypeDescription.createInt();
      case BIGINT -> TypeDescription.createLong();
      case FLOAT -> TypeDescription.createFloat();
      case DOUBLE -> TypeDescription.createDouble();
      case BOOLEAN -> TypeDescription.createBoolean();
      case DATE -> TypeDescription.createDate();
      case TIMESTAMP -> TypeDescription.createTimestamp();
      case BINARY -> TypeDescription.createBinary();
    };
  }

  /** Puts a top-level row into row {@code row} of the batch. */
  static void set(VectorizedRowBatch batch, int row, HiveType.Struct type, Object[] values) {
    for (int i = 0; i < values.length; i++) {
      set(batch.cols[i], row, type.fields().get(i).type(), values[i]);
    }
  }

  private static void set(ColumnVector vector, int row, HiveType type, Object value) {
    if (value == null) {
      vector.noNulls = false;
      vector.isNull[row] = true;
      return;
    }
    vector.isNull[row] = false;
    if (type instanceof HiveType.Struct s) {
      StructColumnVector struct = (StructColumnVector) vector;
      Object[] fields = (Object[]) value;
      for (int i = 0; i < fields.length; i++) {
        set(struct.fields[i], row, s.fields().get(i).type(), fields[i]);
      }
    } else if (type instanceof HiveType.ListOf l) {
      ListColumnVector list = (ListColumnVector) vector;
      List<?> elements = (List<?>) value;
      int first = grow(list.child, list.childCount, elements.size());
      list.offsets[row] = first;
      list.lengths[row] = elements.size();
      list.childCount += elements.size();
      for (int i = 0; i < elements.size(); i++) {
        set(list.child, first + i, l.element(), elements.get(i));
      }
    } else if (type instanceof HiveType.MapOf m) {
      map((MapColumnVector) vector, row, m, (Map<?, ?>) value);
    } else if (type instanceof HiveType.Decimal) {
      ((DecimalColumnVector) vector).set(row, HiveDecimal.create((BigDecimal) value));
    } else if (type instanceof HiveType.Text) {
      bytes(vector, row, ((String) value).getBytes(StandardCharsets.UTF_8));
    } else {
      primitive(vector, row, ((HiveType.Primitive) type).kind(), value);
    }
  }

  private static void map(MapColumnVector map, int row, HiveType.MapOf type, Map<?, ?> entries) {
    int first = grow(map.keys, map.childCount, entries.size());
    grow(map.values, map.childCount, entries.size());
    map.offsets[row] = first;
    map.lengths[row] = entries.size();
    map.childCount += entries.size();
    int i = first;
    for (Map.Entry<?, ?> e : entries.entrySet()) {
      set(map.keys, i, type.key(), e.getKey());
      set(map.values, i, type.value(), e.getValue());
      i++;
    }
  }

  private static void primitive(ColumnVector vector, int row, HiveType.Kind kind, Object value) {
    switch (kind) {
      case STRING -> bytes(vector, row, ((String) value).getBytes(StandardCharsets.UTF_8));
      case BINARY -> bytes(vector, row, (byte[]) value);
      case TINYINT, SMALLINT, INT, BIGINT ->
          ((LongColumnVector) vector).vector[row] = ((Number) value).longValue();
      case BOOLEAN -> ((LongColumnVector) vector).vector[row] = (Boolean) value ? 1 : 0;
      case DATE -> ((LongColumnVector) vector).vector[row] = ((LocalDate) value).toEpochDay();
      case FLOAT, DOUBLE ->
          ((DoubleColumnVector) vector).vector[row] = ((Number) value).doubleValue();
      case TIMESTAMP -> {
        Instant instant = ((LocalDateTime) value).toInstant(ZoneOffset.UTC);
        TimestampColumnVector ts = (TimestampColumnVector) vector;
        ts.time[row] = instant.toEpochMilli();
        ts.nanos[row] = instant.getNano();
      }
    }
  }

  private static void bytes(ColumnVector vector, int row, byte[] value) {
    ((BytesColumnVector) vector).setVal(row, value);
  }

  /** Makes room for {@code more} child rows after {@code used}; returns the first new index. */
  private static int grow(ColumnVector child, int used, int more) {
    if (used + more > child.isNull.length) {
      child.ensureSize(Math.max(used + more, child.isNull.length * 2), true);
    }
    return used;
  }
}
