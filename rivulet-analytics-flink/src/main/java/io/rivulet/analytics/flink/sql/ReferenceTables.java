package io.rivulet.analytics.flink.sql;

import io.rivulet.analytics.flink.sql.SqlApplicationConfig.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reference data as Flink SQL: a {@code rivulet-reference} lookup table ({@link
 * ReferenceTableFactory}) holding the rows read from the S3 object at start. Stateless, so
 * thread-safe.
 */
final class ReferenceTables {
  private ReferenceTables() {}

  static String table(Reference ref, List<Object[]> rows) {
    String columns = ref.schema().columns().stream()
        .map(c -> SqlText.quote(c.name()) + " " + c.flinkType())
        .collect(Collectors.joining(", "));
    List<List<String>> text = new ArrayList<>();
    for (Object[] row : rows) {
      List<String> values = new ArrayList<>();
      for (Object v : row) {
        values.add(v == null ? null : RecordEncodeFunction.text(v));
      }
      text.add(values);
    }
    return "CREATE TEMPORARY TABLE " + SqlText.quote(ref.tableName()) + " (" + columns
        + ") WITH ('connector' = '" + ReferenceTableFactory.IDENTIFIER + "', 'rows' = "
        + SqlText.literal(ReferenceTableFactory.encode(text)) + ")";
  }
}
