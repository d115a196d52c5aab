package io.rivulet.analytics.flink.sql;

import io.rivulet.analytics.flink.sql.SqlApplicationConfig.Input;
import io.rivulet.analytics.flink.sql.SqlApplicationConfig.Output;
import io.rivulet.analytics.flink.sql.SqlApplicationConfig.Reference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * Translates a SQL-1_0 application (its code and SqlApplicationConfiguration) to Flink SQL.
 *
 * <ul>
 *   <li>each input becomes a raw source table (DATA bytes, ARRIVAL time, ROWTIME with a
 *       watermark, from {@link Bindings}) and a view named as its in-application stream
 *       (NamePrefix_001) whose rows a {@link RecordParseFunction} maps from each record;
 *   <li>each reference data source becomes a view over the rows read from S3 at start;
 *   <li>{@code CREATE OR REPLACE STREAM} becomes a view that is the UNION ALL of the pumps
 *       inserting into it, each cast to the stream's column types; a pump becomes a view over
 *       its translated query ({@link SelectTranslator});
 *   <li>each output becomes an INSERT into a sink table of encoded records.
 * </ul>
 *
 * Stateless, so thread-safe.
 */
final class SqlTranslator {
  static final String STEP_FUNCTION = "RIVULET_STEP";
  static final String ROWTIME = "ROWTIME";
  static final String ARRIVAL_COLUMN = "APPROXIMATE_ARRIVAL_TIME";

  /** Where sources and sinks come from: the Rivulet connector, or test tables. */
  interface Bindings {
    /**
     * DDL creating {@code table} with columns DATA (BYTES), ARRIVAL (TIMESTAMP_LTZ(3)) and ROWTIME
     * (TIMESTAMP(3), the rowtime attribute with a watermark) reading the input's stream, or null
     * when the caller registers the table itself.
     */
    String sourceTable(String table, Input input);

    /** DDL creating {@code table} with one BYTES column DATA that writes to the output. */
    String sinkTable(String table, Output output);
  }

  /** Reads a reference data source's S3 object. */
  interface ReferenceLoader {
    byte[] load(String bucket, String key) throws IOException;
  }

  private SqlTranslator() {}

  private record StreamDef(String name, List<String> columns, List<String> types) {}

  private record PumpDef(String name, String target, List<String> columns, List<Token> query) {}

  static Translation translate(String code, SqlApplicationConfig config, Bindings bindings,
      ReferenceLoader loader) throws TranslationException {
    Map<String, UserDefinedFunction> functions = new LinkedHashMap<>();
    functions.put(STEP_FUNCTION, new StepFunction());
    List<String> statements = new ArrayList<>();
    Map<String, String> sourceTables = new LinkedHashMap<>();
    Map<String, List<String>> streamColumns = new LinkedHashMap<>();
    Map<String, List<String>> tableColumns = new LinkedHashMap<>();
    for (Input in : config.inputs()) {
      String table = in.streamName() + "$source";
      String ddl = bindings.sourceTable(table, in);
      if (ddl != null) {
        statements.add(ddl);
      }
      sourceTables.put(in.streamName(), table);
      String fn = in.streamName() + "$parse";
      functions.put(fn, new RecordParseFunction(in.schema(), in.streamName()));
      statements.add(sourceView(in, table, fn));
      streamColumns.put(in.streamName(), names(in.schema()));
    }
    for (Reference ref : config.references()) {
      statements.add(ReferenceTables.table(ref, load(loader, ref)));
      tableColumns.put(ref.tableName(), names(ref.schema()));
    }
    Map<String, StreamDef> streams = new LinkedHashMap<>();
    List<PumpDef> pumps = new ArrayList<>();
    parse(code, config, streams, pumps);
    for (StreamDef s : streams.values()) {
      streamColumns.put(s.name, s.columns);
    }
    views(streams, pumps, streamColumns, tableColumns, config, statements);
    List<Translation.Sink> sinks = new ArrayList<>();
    for (int i = 0; i < config.outputs().size(); i++) {
      Output out = config.outputs().get(i);
      List<String> cols = streamColumns.get(out.streamName());
      if (cols == null) {
        throw new TranslationException("output " + out.streamName()
            + " names an in-application stream that the code does not create");
      }
      String fn = "$encode" + i;
      functions.put(fn, new RecordEncodeFunction(cols, out.json()));
      String table = "$output" + i + "$" + out.streamName();
      String query = "SELECT " + SqlText.quote(fn) + "("
          + cols.stream().map(SqlText::quote).collect(Collectors.joining(", ")) + ") FROM "
          + SqlText.quote(out.streamName());
      sinks.add(new Translation.Sink(table, bindings.sinkTable(table, out), query,
          out.streamName()));
    }
    return new Translation(functions, statements, sinks, sourceTables);
  }

  private static List<String> names(RecordSchema schema) {
    return schema.columns().stream().map(RecordSchema.Column::name).toList();
  }

  private static List<Object[]> load(ReferenceLoader loader, Reference ref)
      throws TranslationException {
    byte[] data;
    try {
      data = loader.load(ref.bucket(), ref.key());
    } catch (IOException e) {
      throw new TranslationException("reference table " + ref.tableName() + ": cannot read s3://"
          + ref.bucket() + "/" + ref.key() + ": " + e.getMessage());
    }
    List<String> rejects = new ArrayList<>();
    List<Object[]> rows = new RecordMapper(ref.schema()).map(data, rejects::add);
    if (!rejects.isEmpty()) {
      throw new TranslationException("reference table " + ref.tableName() + ": "
          + rejects.size() + " rows do not match its schema, the first: " + rejects.get(0));
    }
    return rows;
  }

  private static String sourceView(Input in, String table, String fn) {
    List<String> cols = names(in.schema());
    String quoted = cols.stream().map(SqlText::quote).collect(Collectors.joining(", "));
    String selected = cols.stream().map(c -> "r." + SqlText.quote(c))
        .collect(Collectors.joining(", "));
    return "CREATE TEMPORARY VIEW " + SqlText.quote(in.streamName()) + " AS SELECT s.`ROWTIME`, "
        + "CAST(s.`ARRIVAL` AS TIMESTAMP(3)) AS " + SqlText.quote(ARRIVAL_COLUMN) + ", "
        + selected + " FROM " + SqlText.quote(table) + " AS s, LATERAL TABLE("
        + SqlText.quote(fn) + "(s.`DATA`)) AS r(" + quoted + ")";
  }

  /** Reads CREATE STREAM and CREATE PUMP statements. */
  private static void parse(String code, SqlApplicationConfig config,
      Map<String, StreamDef> streams, List<PumpDef> pumps) throws TranslationException {
    Set<String> inputs = config.inputs().stream().map(Input::streamName)
        .collect(Collectors.toSet());
    for (List<Token> st : Tokens.split(SqlLexer.tokenize(code), ";")) {
      if (st.isEmpty()) {
        continue;
      }
      int i = 0;
      if (!st.get(i).is("CREATE")) {
        throw TranslationException.unsupported("statement " + Tokens.near(st, 0)
            + " (application code holds CREATE STREAM and CREATE PUMP statements)");
      }
      i++;
      if (st.get(i).is("OR") && i + 1 < st.size() && st.get(i + 1).is("REPLACE")) {
        i += 2;
      }
      Token kind = st.get(i);
      if (kind.is("STREAM")) {
        StreamDef s = stream(st, i + 1);
        if (inputs.contains(s.name) || streams.containsKey(s.name)) {
          throw new TranslationException("in-application stream " + s.name + " is defined twice");
        }
        streams.put(s.name, s);
      } else if (kind.is("PUMP")) {
        pumps.add(pump(st, i + 1));
      } else {
        throw TranslationException.unsupported("CREATE " + kind.text());
      }
    }
  }

  private static StreamDef stream(List<Token> st, int i) throws TranslationException {
    Token name = st.get(i);
    if (!name.isIdentifier() || i + 1 >= st.size() || !st.get(i + 1).isSymbol("(")) {
      throw new TranslationException("CREATE STREAM needs a name and columns: " + Tokens.near(st, 0));
    }
    int close = Tokens.closing(st, i + 1);
    List<String> cols = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (List<Token> col : Tokens.split(st.subList(i + 2, close), ",")) {
      if (col.size() < 2 || !col.get(0).isIdentifier()) {
        throw new TranslationException("bad column in stream " + name.name() + ": "
            + SqlText.render(col));
      }
      List<Token> type = new ArrayList<>(col.subList(1, col.size()));
      if (type.size() >= 2 && type.get(type.size() - 1).is("NULL")
          && type.get(type.size() - 2).is("NOT")) {
        type = type.subList(0, type.size() - 2);
      }
      cols.add(col.get(0).name());
      types.add(SqlTypes.flinkType(SqlText.render(type).replace(" (", "(")));
    }
    int rest = close + 1;
    if (rest < st.size() && !(st.get(rest).is("DESCRIPTION") && rest + 2 == st.size())) {
      throw TranslationException.unsupported("CREATE STREAM option " + Tokens.near(st, rest));
    }
    return new StreamDef(name.name(), cols, types);
  }

  private static PumpDef pump(List<Token> st, int i) throws TranslationException {
    Token name = st.get(i);
    int k = i + 1;
    if (k < st.size() && st.get(k).is("DESCRIPTION")) {
      k += 2;
    }
    if (k + 3 >= st.size() || !st.get(k).is("AS") || !st.get(k + 1).is("INSERT")
        || !st.get(k + 2).is("INTO")) {
      throw new TranslationException("CREATE PUMP " + name.name()
          + " must be followed by AS INSERT INTO <stream> SELECT STREAM ...");
    }
    Token target = st.get(k + 3);
    int q = k + 4;
    List<String> cols = null;
    if (q < st.size() && st.get(q).isSymbol("(")) {
      int close = Tokens.closing(st, q);
      cols = new ArrayList<>();
      for (List<Token> c : Tokens.split(st.subList(q + 1, close), ",")) {
        cols.add(c.get(0).name());
      }
      q = close + 1;
    }
    return new PumpDef(name.name(), target.name(), cols, st.subList(q, st.size()));
  }

  /** Pump and stream views, in an order where every view follows the views it reads. */
  private static void views(Map<String, StreamDef> streams, List<PumpDef> pumps,
      Map<String, List<String>> streamColumns, Map<String, List<String>> tableColumns,
      SqlApplicationConfig config, List<String> out) throws TranslationException {
    Map<PumpDef, SelectTranslator.Query> queries = new LinkedHashMap<>();
    for (PumpDef p : pumps) {
      StreamDef target = streams.get(p.target);
      if (target == null) {
        throw new TranslationException("pump " + p.name + " inserts into " + p.target
            + ", which is not a stream created by CREATE STREAM");
      }
      SelectTranslator.Query q = new SelectTranslator(streamColumns, tableColumns, STEP_FUNCTION)
          .translate(p.query);
      List<String> cols = p.columns == null ? target.columns : p.columns;
      for (String c : cols) {
        if (!target.columns.contains(c)) {
          throw new TranslationException("pump " + p.name + ": stream " + p.target
              + " has no column " + c);
        }
      }
      if (q.columns() != cols.size()) {
        throw new TranslationException("pump " + p.name + " selects " + q.columns()
            + " columns into " + cols.size() + " columns of " + p.target);
      }
      queries.put(p, q);
    }
    Set<String> ready = new java.util.HashSet<>(
        config.inputs().stream().map(Input::streamName).toList());
    Set<PumpDef> done = new java.util.HashSet<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (PumpDef p : pumps) {
        if (!done.contains(p) && ready.containsAll(queries.get(p).streamsRead())) {
          List<String> cols = p.columns == null ? streams.get(p.target).columns : p.columns;
          out.add("CREATE TEMPORARY VIEW " + SqlText.quote(p.name + "$pump") + " ("
              + SqlText.quote(ROWTIME) + ", "
              + cols.stream().map(SqlText::quote).collect(Collectors.joining(", ")) + ") AS "
              + queries.get(p).sql());
          done.add(p);
          progress = true;
        }
      }
      for (StreamDef s : streams.values()) {
        List<PumpDef> feeding = pumps.stream().filter(p -> p.target.equals(s.name)).toList();
        if (!ready.contains(s.name) && !feeding.isEmpty() && done.containsAll(feeding)) {
          out.add(streamView(s, feeding));
          ready.add(s.name);
          progress = true;
        }
      }
    }
    for (PumpDef p : pumps) {
      if (!done.contains(p)) {
        List<String> missing = new ArrayList<>(queries.get(p).streamsRead());
        missing.removeAll(ready);
        throw new TranslationException("pump " + p.name + " reads " + String.join(", ", missing)
            + ", into which no pump inserts (or the pumps form a cycle)");
      }
    }
    for (Output o : config.outputs()) {
      if (!ready.contains(o.streamName()) && streams.containsKey(o.streamName())) {
        throw new TranslationException("output " + o.streamName()
            + ": no pump inserts into this stream");
      }
    }
  }

  private static String streamView(StreamDef s, List<PumpDef> feeding) {
    List<String> selects = new ArrayList<>();
    for (PumpDef p : feeding) {
      List<String> given = p.columns == null ? s.columns : p.columns;
      StringBuilder sel = new StringBuilder("SELECT ").append(SqlText.quote(ROWTIME));
      for (int c = 0; c < s.columns.size(); c++) {
        String col = s.columns.get(c);
        String value = given.contains(col) ? SqlText.quote(col) : "NULL";
        sel.append(", CAST(").append(value).append(" AS ").append(s.types.get(c)).append(") AS ")
            .append(SqlText.quote(col));
      }
      sel.append(" FROM ").append(SqlText.quote(p.name + "$pump"));
      selects.add(sel.toString());
    }
    return "CREATE TEMPORARY VIEW " + SqlText.quote(s.name) + " AS "
        + String.join(" UNION ALL ", selects);
  }
}
