package io.rivulet.analytics.flink.sql;

import io.rivulet.analytics.flink.sql.SqlApplicationConfig.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reference data as Flink SQL: a view over the rows read from the S3 object at start, written as
 * typed VALUES. Stateless, so thread-safe.
 */
final class ReferenceTables {
  private ReferenceTables() {}

  static String view(Reference ref, List<Object[]> rows) {
    List<RecordSchema.Column> cols = ref.schema().columns();
    String names = cols.stream().map(c -> FlinkSql.quote(c.name()))
        .collect(Collectors.joining(", "));
    String head = "CREATE TEMPORARY VIEW " + FlinkSql.quote(ref.tableName()) + " AS ";
    if (rows.isEmpty()) {
      String nulls = cols.stream()
          .map(c -> "CAST(NULL AS " + c.flinkType() + ") AS " + FlinkSql.quote(c.name()))
          .collect(Collectors.joining(", "));
      return head + "SELECT " + nulls + " FROM (VALUES (1)) AS t(x) WHERE FALSE";
    }
    List<String> values = new ArrayList<>();
    for (Object[] row : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < cols.size(); i++) {
        String literal = row[i] == null ? "NULL" : FlinkSql.literal(RecordEncodeFunction.text(row[i]));
        cells.add("CAST(" + literal + " AS " + cols.get(i).flinkType() + ")");
      }
      values.add("(" + String.join(", ", cells) + ")");
    }
    return head + "SELECT * FROM (VALUES " + String.join(", ", values) + ") AS t(" + names + ")";
  }
}
