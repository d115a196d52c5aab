package io.rivulet.analytics.flink.sql;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/** Runs translations on the test class's MiniCluster with in-memory inputs. Not thread-safe. */
final class SqlHarness {
  /** One input record: when it arrived and its bytes. */
  record Record(long arrivalMillis, String data) {}

  /** Bindings whose sources the harness registers and whose sinks discard. */
  static final SqlTranslator.Bindings BINDINGS = new SqlTranslator.Bindings() {
    @Override
    public String sourceTable(String table, SqlApplicationConfig.Input input) {
      return null;
    }

    @Override
    public String sinkTable(String table, SqlApplicationConfig.Output output) {
      return "CREATE TEMPORARY TABLE " + SqlText.quote(table)
          + " (`DATA` BYTES) WITH ('connector' = 'blackhole')";
    }
  };

  private SqlHarness() {}

  /** Translates, feeds each input its records, and returns every output's records as text. */
  static Map<String, List<String>> run(Translation tr, Map<String, List<Record>> inputs)
      throws Exception {
    StreamTableEnvironment tEnv = environment(tr, inputs);
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    for (Translation.Sink sink : tr.sinks()) {
      List<String> rows = new ArrayList<>();
      for (Row r : collect(tEnv.executeSql(sink.query()))) {
        rows.add(new String((byte[]) r.getField(0), StandardCharsets.UTF_8));
      }
      out.put(sink.stream(), rows);
    }
    return out;
  }

  /** The rows of an in-application stream (ROWTIME first). */
  static List<Row> rows(Translation tr, Map<String, List<Record>> inputs, String stream)
      throws Exception {
    StreamTableEnvironment tEnv = environment(tr, inputs);
    return collect(tEnv.executeSql("SELECT * FROM " + SqlText.quote(stream)));
  }

  private static List<Row> collect(TableResult result) throws Exception {
    List<Row> rows = new ArrayList<>();
    CloseableIterator<Row> it = result.collect();
    try {
      it.forEachRemaining(rows::add);
    } finally {
      it.close();
    }
    return rows;
  }

  private static StreamTableEnvironment environment(Translation tr,
      Map<String, List<Record>> inputs) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    StreamTableEnvironment tEnv = StreamTableEnvironment.create(env);
    tEnv.getConfig().set("table.local-time-zone", "UTC");
    tr.functions().forEach(tEnv::createTemporarySystemFunction);
    for (Map.Entry<String, String> src : tr.sourceTables().entrySet()) {
      List<Row> rows = new ArrayList<>();
      for (Record r : inputs.getOrDefault(src.getKey(), List.of())) {
        rows.add(Row.of(r.data().getBytes(StandardCharsets.UTF_8),
            Instant.ofEpochMilli(r.arrivalMillis())));
      }
      var ds = env.fromData(rows).returns(Types.ROW_NAMED(new String[] {"DATA", "ARRIVAL"},
          Types.PRIMITIVE_ARRAY(Types.BYTE), Types.INSTANT));
      tEnv.createTemporaryView(SqlText.quote(src.getValue()), tEnv.fromDataStream(ds,
          Schema.newBuilder()
              .column("DATA", DataTypes.BYTES())
              .column("ARRIVAL", DataTypes.TIMESTAMP_LTZ(3))
              .columnByExpression("ROWTIME", "CAST(ARRIVAL AS TIMESTAMP(3))")
              .watermark("ROWTIME", "ROWTIME - INTERVAL '1' SECOND")
              .build()));
    }
    for (String statement : tr.statements()) {
      tEnv.executeSql(statement);
    }
    return tEnv;
  }
}
