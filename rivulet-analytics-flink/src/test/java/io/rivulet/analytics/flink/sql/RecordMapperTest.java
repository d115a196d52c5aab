package io.rivulet.analytics.flink.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How records map to rows (JSON paths, CSV delimiters, types) and which rows are rejected. */
class RecordMapperTest {
  private final List<String> rejects = new ArrayList<>();

  private List<Object[]> map(Map<String, Object> schema, String record) throws Exception {
    return new RecordMapper(RecordSchema.parse(schema, "test"))
        .map(record.getBytes(StandardCharsets.UTF_8), rejects::add);
  }

  @Test
  void jsonPathsPickNestedValuesCaseInsensitivelyAndMissingOnesAreNull() throws Exception {
    List<Object[]> rows = map(Configs.json("$", Configs.columns(
        "TICKER", "VARCHAR(4)", "$.Ticker", "PRICE", "DECIMAL(10,2)", "$.quote['price']",
        "FIRST", "INTEGER", "$.history[0]", "ABSENT", "BOOLEAN", "$.nope",
        "RAW", "VARCHAR(32)", "$.quote")),
        "{\"ticker\":\"AMZN\",\"quote\":{\"price\":12.5},\"history\":[7,8]}");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0)).containsExactly("AMZN", new BigDecimal("12.5"), 7, null,
        "{\"price\":12.5}");
    assertThat(rejects).isEmpty();
  }

  @Test
  void severalJsonValuesInOneRecordAreSeveralRows() throws Exception {
    List<Object[]> rows = map(Configs.json("$", Configs.columns("N", "BIGINT", "$.n")),
        "{\"n\":1}\n{\"n\":2} {\"n\":3}");
    assertThat(rows).extracting(r -> r[0]).containsExactly(1L, 2L, 3L);
  }

  @Test
  void valuesThatDoNotConvertRejectTheRowOnly() throws Exception {
    List<Object[]> rows = map(Configs.json("$.rows[*]", Configs.columns(
        "N", "INTEGER", "$.rows[*].n", "T", "TIMESTAMP", "$.rows[*].t")),
        "{\"rows\":[{\"n\":\"x\",\"t\":\"2026-01-01 10:00:00\"},"
            + "{\"n\":2,\"t\":\"2026-01-01T10:00:00.250+01:00\"},{\"n\":3,\"t\":1767261600000}]}");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsExactly(2, LocalDateTime.parse("2026-01-01T09:00:00.250"));
    assertThat(rows.get(1)).containsExactly(3, LocalDateTime.parse("2026-01-01T10:00:00"));
    assertThat(rejects).singleElement().asString().contains("column N", "'x'", "INTEGER");
  }

  @Test
  void notJsonIsRejected() throws Exception {
    assertThat(map(Configs.json("$", Configs.columns("N", "INTEGER", "$.n")), "{oops")).isEmpty();
    assertThat(rejects).singleElement().asString().startsWith("not JSON");
  }

  @Test
  void csvSplitsRowsAndColumnsByTheirDelimiters() throws Exception {
    List<Object[]> rows = map(Configs.csv("|", "\t", Configs.columns(
        "A", "VARCHAR(8)", null, "B", "DOUBLE", null, "C", "REAL", null, "D", "DATE", null)),
        "x\t1.5\t2.25\t2026-01-02|y\t-3\t0\t2026-01-03|z\t4");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).containsExactly("x", 1.5, 2.25f, java.time.LocalDate.of(2026, 1, 2));
    assertThat(rows.get(2)).containsExactly("z", 4.0, null, null);
  }

  @Test
  void sqlTypesBecomeFlinkTypes() throws Exception {
    assertThat(SqlTypes.flinkType("varchar(4)")).isEqualTo("VARCHAR(4)");
    assertThat(SqlTypes.flinkType("REAL")).isEqualTo("FLOAT");
    assertThat(SqlTypes.flinkType("DOUBLE PRECISION")).isEqualTo("DOUBLE");
    assertThat(SqlTypes.flinkType("DECIMAL(12, 3)")).isEqualTo("DECIMAL(12, 3)");
    assertThat(SqlTypes.flinkType("TIMESTAMP")).isEqualTo("TIMESTAMP(3)");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SqlTypes.flinkType("GEOMETRY"))
        .hasMessageContaining("unknown SQL type 'GEOMETRY'");
  }
}
