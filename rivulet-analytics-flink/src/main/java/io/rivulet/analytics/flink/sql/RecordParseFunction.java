package io.rivulet.analytics.flink.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.StaticArgument;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.types.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table function that turns a record's bytes into the rows of an in-application input stream,
 * as its InputSchema says ({@link RecordMapper}). Rows that do not map are dropped and counted
 * ({@code rivulet_sql_rejected_rows} in the job's metrics), as SQL-1_0 sends them to its error
 * stream. Flink calls one instance from one task thread; not thread-safe.
 */
public final class RecordParseFunction extends TableFunction<Row> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RecordParseFunction.class);

  private final RecordSchema schema;
  private final String streamName;
  private transient RecordMapper mapper;
  private transient org.apache.flink.metrics.Counter rejected;

  RecordParseFunction(RecordSchema schema, String streamName) {
    this.schema = schema;
    this.streamName = streamName;
  }

  @Override
  public void open(FunctionContext context) {
    mapper = new RecordMapper(schema);
    rejected = context.getMetricGroup().counter("rivulet_sql_rejected_rows");
  }

  /** Emits the rows of one record. */
  public void eval(byte[] data) {
    if (data == null) {
      return;
    }
    if (mapper == null) {
      mapper = new RecordMapper(schema);
    }
    for (Object[] row : mapper.map(data, this::reject)) {
      collect(Row.of(row));
    }
  }

  private void reject(String why) {
    if (rejected != null) {
      rejected.inc();
    }
    LOG.debug("{}: record not mapped: {}", streamName, why);
  }

  @Override
  public TypeInference getTypeInference(DataTypeFactory typeFactory) {
    List<DataTypes.Field> fields = new ArrayList<>();
    for (RecordSchema.Column c : schema.columns()) {
      fields.add(DataTypes.FIELD(c.name(), typeFactory.createDataType(c.flinkType())));
    }
    DataType row = DataTypes.ROW(fields.toArray(new DataTypes.Field[0]));
    return TypeInference.newBuilder()
        .staticArguments(StaticArgument.scalar("data", DataTypes.BYTES(), false))
        .outputTypeStrategy(callContext -> Optional.of(row))
        .build();
  }
}
