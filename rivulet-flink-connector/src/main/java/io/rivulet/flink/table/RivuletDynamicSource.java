package io.rivulet.flink.table;

import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.flink.source.RivuletSource;
import io.rivulet.flink.source.StartingPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.abilities.SupportsReadingMetadata;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

/**
 * A {@code rivulet} table read as a stream of inserts through {@link RivuletSource}, decoded by
 * the table's format, with the {@link ReadableMetadata} columns it declares. Event time comes
 * from the DDL: {@code WATERMARK FOR} the {@code arrival_time} metadata column or a data column;
 * the planner pushes that watermark strategy into the source, which applies it per shard, so
 * shards read at different paces do not make each other's records late. Not thread-safe (the
 * planner's).
 */
final class RivuletDynamicSource
    implements ScanTableSource, SupportsReadingMetadata, SupportsWatermarkPushDown {
  /** What the source reads, apart from the format and metadata. */
  record Settings(RivuletConnection connection, String stream, StartingPosition start,
      Duration discoveryInterval, int maxRecordsPerRead) {}

  private final DataType physicalType;
  private final DecodingFormat<DeserializationSchema<RowData>> format;
  private final Settings settings;
  private List<ReadableMetadata> metadata = List.of();
  private DataType producedType;
  private WatermarkStrategy<RowData> watermarks = WatermarkStrategy.noWatermarks();

  RivuletDynamicSource(DataType physicalType,
      DecodingFormat<DeserializationSchema<RowData>> format, Settings settings) {
    this.physicalType = physicalType;
    this.format = format;
    this.settings = settings;
    this.producedType = physicalType;
  }

  @Override
  public ChangelogMode getChangelogMode() {
    return ChangelogMode.insertOnly();
  }

  @Override
  public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
    DeserializationSchema<RowData> decoder = format.createRuntimeDecoder(context, physicalType);
    RowDataDeserializer rows = new RowDataDeserializer(decoder, metadata,
        context.createTypeInformation(producedType));
    RivuletSource<RowData> source = RivuletSource.<RowData>builder()
        .connection(settings.connection())
        .stream(settings.stream())
        .startingPosition(settings.start())
        .shardDiscoveryInterval(settings.discoveryInterval())
        .maxRecordsPerRead(settings.maxRecordsPerRead())
        .deserializer(rows)
        .build();
    WatermarkStrategy<RowData> strategy = watermarks;
    return new DataStreamScanProvider() {
      @Override
      public DataStreamSource<RowData> produceDataStream(ProviderContext provider,
          StreamExecutionEnvironment env) {
        DataStreamSource<RowData> s = env.fromSource(source, strategy, asSummaryString());
        provider.generateUid("rivulet-source").ifPresent(s::uid);
        return s;
      }

      @Override
      public boolean isBounded() {
        return false;
      }
    };
  }

  @Override
  public void applyWatermark(WatermarkStrategy<RowData> strategy) {
    this.watermarks = strategy;
  }

  @Override
  public Map<String, DataType> listReadableMetadata() {
    Map<String, DataType> out = new LinkedHashMap<>();
    for (ReadableMetadata m : ReadableMetadata.values()) {
      out.put(m.key, m.type);
    }
    return out;
  }

  @Override
  public void applyReadableMetadata(List<String> keys, DataType producedDataType) {
    List<ReadableMetadata> list = new ArrayList<>(keys.size());
    keys.forEach(k -> list.add(ReadableMetadata.of(k)));
    this.metadata = List.copyOf(list);
    this.producedType = producedDataType;
  }

  @Override
  public DynamicTableSource copy() {
    RivuletDynamicSource c = new RivuletDynamicSource(physicalType, format, settings);
    c.metadata = metadata;
    c.producedType = producedType;
    c.watermarks = watermarks;
    return c;
  }

  @Override
  public String asSummaryString() {
    return "Rivulet(" + settings.stream() + ")";
  }
}
