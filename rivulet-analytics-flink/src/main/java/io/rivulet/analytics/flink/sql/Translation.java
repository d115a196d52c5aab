package io.rivulet.analytics.flink.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * A SQL-1_0 application translated to Flink SQL: functions to register, the statements that
 * create its tables and views (in order), and one INSERT per output. Immutable, so thread-safe.
 *
 * @param functions temporary system functions to register first: name to instance
 * @param statements CREATE TEMPORARY TABLE / VIEW statements, in order
 * @param sinks one per output: its table, the DDL creating it, and the query inserted into it
 * @param sourceTables the raw source tables (DATA, ARRIVAL, ROWTIME) by in-application stream
 */
record Translation(Map<String, UserDefinedFunction> functions, List<String> statements,
    List<Sink> sinks, Map<String, String> sourceTables) {

  /** An output's sink table and what is inserted into it. */
  record Sink(String table, String ddl, String query, String stream) {
    String insert() {
      return "INSERT INTO " + SqlText.quote(table) + " " + query;
    }
  }

  /** Every statement as one script: DDL, views, then the statement set of INSERTs. */
  String script() {
    List<String> all = new ArrayList<>();
    sinks.stream().map(Sink::ddl).filter(d -> d != null).forEach(all::add);
    all.addAll(statements);
    all.add("EXECUTE STATEMENT SET BEGIN\n"
        + String.join(";\n", sinks.stream().map(Sink::insert).toList()) + ";\nEND");
    return String.join(";\n", all) + ";\n";
  }
}
