package io.rivulet.flink.table;

import io.rivulet.streams.api.StreamRecord;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

/**
 * The metadata columns a {@code rivulet} table can read ({@code col TYPE METADATA FROM 'key'},
 * or {@code METADATA} alone when the column has the key's name). Immutable.
 */
enum ReadableMetadata {
  PARTITION_KEY("partition_key", DataTypes.STRING().notNull()),
  SEQUENCE_NUMBER("sequence_number", DataTypes.STRING().notNull()),
  ARRIVAL_TIME("arrival_time", DataTypes.TIMESTAMP_LTZ(3).notNull()),
  SHARD_ID("shard_id", DataTypes.STRING().notNull());

  final String key;
  final DataType type;

  ReadableMetadata(String key, DataType type) {
    this.key = key;
    this.type = type;
  }

  static ReadableMetadata of(String key) {
    for (ReadableMetadata m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown metadata key " + key);
  }

  /** This column's value for a record, as Flink's internal data. */
  Object value(StreamRecord r, String shardId) {
    return switch (this) {
      case PARTITION_KEY -> StringData.fromString(r.partitionKey());
      case SEQUENCE_NUMBER -> StringData.fromString(r.sequenceNumber());
      case ARRIVAL_TIME -> TimestampData.fromInstant(r.approximateArrivalTimestamp());
      case SHARD_ID -> StringData.fromString(shardId);
    };
  }
}
