package io.rivulet.flink.table;

import static io.rivulet.flink.table.RivuletTableOptions.ACCESS_KEY_ID;
import static io.rivulet.flink.table.RivuletTableOptions.ACCOUNT;
import static io.rivulet.flink.table.RivuletTableOptions.ENDPOINT;
import static io.rivulet.flink.table.RivuletTableOptions.POLL_INTERVAL;
import static io.rivulet.flink.table.RivuletTableOptions.POLL_MAX_RECORDS;
import static io.rivulet.flink.table.RivuletTableOptions.REGION;
import static io.rivulet.flink.table.RivuletTableOptions.SECRET_KEY;
import static io.rivulet.flink.table.RivuletTableOptions.SHARD_DISCOVERY_INTERVAL;
import static io.rivulet.flink.table.RivuletTableOptions.SINK_BATCH_MAX_RECORDS;
import static io.rivulet.flink.table.RivuletTableOptions.SINK_FLUSH_INTERVAL;
import static io.rivulet.flink.table.RivuletTableOptions.SINK_MAX_ATTEMPTS;
import static io.rivulet.flink.table.RivuletTableOptions.SINK_MAX_IN_FLIGHT;
import static io.rivulet.flink.table.RivuletTableOptions.SINK_PARTITION_KEY;
import static io.rivulet.flink.table.RivuletTableOptions.STARTUP_MODE;
import static io.rivulet.flink.table.RivuletTableOptions.STARTUP_TIMESTAMP;
import static io.rivulet.flink.table.RivuletTableOptions.STREAM;

import java.util.Set;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.connector.format.DecodingFormat;
import org.apache.flink.table.connector.format.EncodingFormat;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.factories.DeserializationFormatFactory;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.SerializationFormatFactory;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.RowType;

/**
 * {@code 'connector' = 'rivulet'}: tables over Rivulet streams, read and written with the format
 * named by {@code 'format'} (json, csv, raw, or any Flink format factory on the class path). See
 * {@link RivuletTableOptions} for the options. Stateless; thread-safe.
 */
public final class RivuletDynamicTableFactory
    implements DynamicTableSourceFactory, DynamicTableSinkFactory {
  public static final String IDENTIFIER = "rivulet";

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(STREAM, FactoryUtil.FORMAT);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(ENDPOINT, REGION, ACCOUNT, ACCESS_KEY_ID, SECRET_KEY, STARTUP_MODE,
        STARTUP_TIMESTAMP, SHARD_DISCOVERY_INTERVAL, POLL_MAX_RECORDS, POLL_INTERVAL,
        SINK_PARTITION_KEY, SINK_BATCH_MAX_RECORDS, SINK_MAX_IN_FLIGHT, SINK_MAX_ATTEMPTS,
        SINK_FLUSH_INTERVAL, FactoryUtil.SINK_PARALLELISM);
  }

  @Override
  public DynamicTableSource createDynamicTableSource(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    DecodingFormat<DeserializationSchema<RowData>> format =
        helper.discoverDecodingFormat(DeserializationFormatFactory.class, FactoryUtil.FORMAT);
    helper.validate();
    ReadableConfig o = helper.getOptions();
    int maxRecords = o.get(POLL_MAX_RECORDS);
    if (maxRecords < 1 || maxRecords > 10_000) {
      throw new ValidationException("'scan.poll.max-records' must be 1 to 10000: " + maxRecords);
    }
    return new RivuletDynamicSource(context.getPhysicalRowDataType(), format,
        new RivuletDynamicSource.Settings(RivuletTableOptions.connection(o), o.get(STREAM),
            RivuletTableOptions.start(o), o.get(SHARD_DISCOVERY_INTERVAL), maxRecords));
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    EncodingFormat<SerializationSchema<RowData>> format =
        helper.discoverEncodingFormat(SerializationFormatFactory.class, FactoryUtil.FORMAT);
    helper.validate();
    ReadableConfig o = helper.getOptions();
    DataType physical = context.getPhysicalRowDataType();
    String keyColumn = o.getOptional(SINK_PARTITION_KEY).orElse(null);
    if (keyColumn != null
        && !((RowType) physical.getLogicalType()).getFieldNames().contains(keyColumn)) {
      throw new ValidationException("'sink.partition-key' names column '" + keyColumn
          + "', which the table does not have");
    }
    int batch = o.get(SINK_BATCH_MAX_RECORDS);
    if (batch < 1 || batch > 500) {
      throw new ValidationException("'sink.batch.max-records' must be 1 to 500: " + batch);
    }
    if (o.get(SINK_MAX_IN_FLIGHT) < 1 || o.get(SINK_MAX_ATTEMPTS) < 1
        || o.get(SINK_FLUSH_INTERVAL).toMillis() < 1) {
      throw new ValidationException("'sink.max-in-flight', 'sink.max-attempts' and"
          + " 'sink.flush-interval' must be positive");
    }
    return new RivuletDynamicSink(physical, format, new RivuletDynamicSink.Settings(
        RivuletTableOptions.connection(o), o.get(STREAM), keyColumn, batch,
        o.get(SINK_MAX_IN_FLIGHT), o.get(SINK_MAX_ATTEMPTS), o.get(SINK_FLUSH_INTERVAL),
        o.getOptional(FactoryUtil.SINK_PARALLELISM).orElse(null)));
  }
}
