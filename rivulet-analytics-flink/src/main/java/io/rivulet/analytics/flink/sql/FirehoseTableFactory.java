package io.rivulet.analytics.flink.sql;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.sink.DynamicTableSink;
import org.apache.flink.table.connector.sink.SinkV2Provider;
import org.apache.flink.table.factories.DynamicTableSinkFactory;
import org.apache.flink.table.factories.FactoryUtil;

/**
 * {@code 'connector' = 'rivulet-firehose'}: a sink table of one BYTES column whose values are put
 * to a Firehose delivery stream with PutRecordBatch over HTTP ({@link FirehoseSink}), so the same
 * job works on the embedded engine and on a remote Flink cluster. Options: {@code delivery-stream},
 * {@code endpoint}, {@code region}. Stateless, so thread-safe.
 */
public final class FirehoseTableFactory implements DynamicTableSinkFactory {
  public static final String IDENTIFIER = "rivulet-firehose";
  static final ConfigOption<String> DELIVERY_STREAM =
      ConfigOptions.key("delivery-stream").stringType().noDefaultValue();
  static final ConfigOption<String> ENDPOINT =
      ConfigOptions.key("endpoint").stringType().noDefaultValue();
  static final ConfigOption<String> REGION =
      ConfigOptions.key("region").stringType().defaultValue("us-east-1");

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(DELIVERY_STREAM, ENDPOINT);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(REGION);
  }

  @Override
  public DynamicTableSink createDynamicTableSink(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validate();
    ReadableConfig o = helper.getOptions();
    return new Table(new FirehoseSink(o.get(ENDPOINT), o.get(REGION), o.get(DELIVERY_STREAM)));
  }

  private record Table(FirehoseSink sink) implements DynamicTableSink {
    @Override
    public ChangelogMode getChangelogMode(ChangelogMode requested) {
      return ChangelogMode.insertOnly();
    }

    @Override
    public SinkRuntimeProvider getSinkRuntimeProvider(Context context) {
      return SinkV2Provider.of(sink);
    }

    @Override
    public DynamicTableSink copy() {
      return this;
    }

    @Override
    public String asSummaryString() {
      return "Firehose " + sink.deliveryStream();
    }
  }
}
