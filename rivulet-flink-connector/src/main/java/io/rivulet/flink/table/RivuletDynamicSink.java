package io.rivulet.flink.table;

import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.flink.sink.PartitionKeySelector;
import io.rivulet.flink.sink.RivuletSink;
import java.time.Duration;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

/**
 * A {@code rivulet} table written as appends through {@link RivuletSink}: rows encoded by the
 * table's format, the partition key from a column ({@code sink.partition-key}) or random. Takes
 * inserts only (a query with updates is refused by the planner). Not thread-safe (the
 * planner's).
 */
final class RivuletDynamicSink implements DynamicTableSink {
  /** What the sink writes to and how, apart from the format. */
  record Settings(RivuletConnection connection, String stream, String partitionKeyColumn,
      int maxBatchRecords, int maxInFlight, int maxAttempts, Duration flushInterval,
      Integer parallelism) {}

  private final DataType physicalType;
  private final EncodingFormat<SerializationSchema<RowData>> format;
  private final Settings settings;

  RivuletDynamicSink(DataType physicalType, EncodingFormat<SerializationSchema<RowData>> format,
      Settings settings) {
    this.physicalType = physicalType;
    this.format = format;
    this.settings = settings;
  }

  @Override
  public ChangelogMode getChangelogMode(ChangelogMode requestedMode) {
    return ChangelogMode.insertOnly();
  }

  @Override
  public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
    SerializationSchema<RowData> encoder = format.createRuntimeEncoder(context, physicalType);
    RivuletSink<RowData> sink = RivuletSink.<RowData>builder()
        .connection(settings.connection())
        .stream(settings.stream())
        .serializer(encoder)
        .partitionKey(partitionKeys())
        .maxBatchRecords(settings.maxBatchRecords())
        .maxInFlight(settings.maxInFlight())
        .retries(settings.maxAttempts(), Duration.ofMillis(100))
        .maxBufferTime(settings.flushInterval())
        .build();
    return SinkV2Provider.of(sink, settings.parallelism());
  }

  private PartitionKeySelector<RowData> partitionKeys() {
    String column = settings.partitionKeyColumn();
    if (column == null) {
      return PartitionKeySelector.random();
    }
    RowType row = (RowType) physicalType.getLogicalType();
    int index = row.getFieldIndex(column);
    LogicalType type = row.getTypeAt(index);
    RowData.FieldGetter getter = RowData.createFieldGetter(type, index);
    return r -> {
      Object v = getter.getFieldOrNull(r);
      return v == null ? null : v.toString();
    };
  }

  @Override
  public DynamicTableSink copy() {
    return new RivuletDynamicSink(physicalType, format, settings);
  }

  @Override
  public String asSummaryString() {
    return "Rivulet(" + settings.stream() + ")";
  }
}
