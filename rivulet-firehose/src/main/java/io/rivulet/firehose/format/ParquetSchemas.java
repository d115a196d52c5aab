package io.rivulet.firehose.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.LocalDateTime;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Hive types as Parquet types, the way Hive's Parquet SerDe lays them out: every column optional;
 * {@code tinyint}/{@code smallint} as INT32 with INT(8)/INT(16); {@code date} as INT32 DATE;
 * {@code timestamp} as INT96 (Hive's and Athena's timestamp encoding); {@code decimal(p,s)} as a
 * FIXED_LEN_BYTE_ARRAY just wide enough for p digits; strings, chars and varchars as BINARY STRING;
 * arrays and maps in the standard three-level LIST ({@code list}/{@code element}) and MAP
 * ({@code key_value}/{@code key}/{@code value}) groups; structs as groups. Stateless.
 */
final class ParquetSchemas {
  /** Julian day number of 1970-01-01, the epoch of INT96 timestamps' day field. */
  static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private ParquetSchemas() {}

  static MessageType message(TableSchema schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (HiveType.Field f : schema.columns()) {
      message.addField(type(f.type(), f.name(), Repetition.OPTIONAL));
    }
    return message.named("hive_schema");
  }

  private static Type type(HiveType type, String name, Repetition repetition) {
    if (type instanceof HiveType.Struct s) {
      Types.GroupBuilder<org.apache.parquet.schema.GroupType> group = Types.buildGroup(repetition);
      for (HiveType.Field f : s.fields()) {
        group.addField(type(f.type(), f.name(), Repetition.OPTIONAL));
      }
      return group.named(name);
    }
    if (type instanceof HiveType.ListOf l) {
      return Types.buildGroup(repetition).as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup()
              .addField(type(l.element(), "element", Repetition.OPTIONAL)).named("list"))
          .named(name);
    }
    if (type instanceof HiveType.MapOf m) {
      return Types.buildGroup(repetition).as(LogicalTypeAnnotation.mapType())
          .addField(Types.repeatedGroup()
              .addField(type(m.key(), "key", Repetition.REQUIRED))
              .addField(type(m.value(), "value", Repetition.OPTIONAL)).named("key_value"))
          .named(name);
    }
    if (type instanceof HiveType.Decimal d) {
      return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
          .length(decimalBytes(d.precision()))
          .as(LogicalTypeAnnotation.decimalType(d.scale(), d.precision())).named(name);
    }
    if (type instanceof HiveType.Text) {
      return string(name, repetition);
    }
    return primitive(((HiveType.Primitive) type).kind(), name, repetition);
  }

  private static Type primitive(HiveType.Kind kind, String name, Repetition repetition) {
    return switch (kind) {
      case STRING -> string(name, repetition);
      case TINYINT -> Types.primitive(PrimitiveTypeName.INT32, repetition)
          .as(LogicalTypeAnnotation.intType(8, true)).named(name);
      case SMALLINT -> Types.primitive(PrimitiveTypeName.INT32, repetition)
          .as(LogicalTypeAnnotation.intType(16, true)).named(name);
      case INT -> Types.primitive(PrimitiveTypeName.INT32, repetition).named(name);
      case BIGINT -> Types.primitive(PrimitiveTypeName.INT64, repetition).named(name);
      case FLOAT -> Types.primitive(PrimitiveTypeName.FLOAT, repetition).named(name);
      case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, repetition).named(name);
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(name);
      case DATE -> Types.primitive(PrimitiveTypeName.INT32, repetition)
          .as(LogicalTypeAnnotation.dateType()).named(name);
      case TIMESTAMP -> Types.primitive(PrimitiveTypeName.INT96, repetition).named(name);
      case BINARY -> Types.primitive(PrimitiveTypeName.BINARY, repetition).named(name);
    };
  }

  private static Type string(String name, Repetition repetition) {
    return Types.primitive(PrimitiveTypeName.BINARY, repetition)
        .as(LogicalTypeAnnotation.stringType()).named(name);
  }

  /** The fewest bytes whose two's complement holds every unscaled value of {@code precision}. */
  static int decimalBytes(int precision) {
    BigInteger largest = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
    return (largest.bitLength() + 1 + 7) / 8;
  }

  /** {@code value}'s unscaled two's complement, big-endian, sign-extended to {@code width}. */
  static byte[] decimal(BigDecimal value, int width) {
    byte[] raw = value.unscaledValue().toByteArray();
    byte[] out = new byte[width];
    byte pad = (byte) (value.signum() < 0 ? 0xff : 0);
    int lead = width - raw.length;
    for (int i = 0; i < lead; i++) {
      out[i] = pad;
    }
    System.arraycopy(raw, Math.max(0, -lead), out, Math.max(0, lead), Math.min(width, raw.length));
    return out;
  }

  /** INT96: nanoseconds of the day (8 bytes) then the Julian day (4 bytes), little-endian. */
  static byte[] int96(LocalDateTime t) {
    return ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(t.toLocalTime().toNanoOfDay())
        .putInt((int) (t.toLocalDate().toEpochDay() + JULIAN_EPOCH_DAY)).array();
  }
}
