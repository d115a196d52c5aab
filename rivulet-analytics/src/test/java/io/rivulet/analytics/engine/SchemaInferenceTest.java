package io.rivulet.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Record formats, column names and SQL types inferred from samples. */
class SchemaInferenceTest {
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> columns(SchemaInference.Result r) {
    return (List<Map<String, Object>>) r.schema().get("RecordColumns");
  }

  @Test
  void jsonColumnsTypesAndNames() {
    SchemaInference.Result r = SchemaInference.infer(List.of(
        "{\"time\":\"2026-01-01\",\"a\":{\"id\":1},\"b\":{\"id\":2.5},\"n\":null,\"my col\":\"x\"}",
        "{\"time\":\"2026-01-02\",\"a\":{\"id\":2},\"b\":{\"id\":3},\"n\":null,\"my col\":\"xyzzy\"}"));
    assertThat(columns(r)).extracting(c -> c.get("Name"), c -> c.get("Mapping"), c -> c.get("SqlType"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("COL_time", "$.time", "DATE"),
            org.assertj.core.groups.Tuple.tuple("id", "$.a.id", "INTEGER"),
            org.assertj.core.groups.Tuple.tuple("b_id", "$.b.id", "DOUBLE"),
            org.assertj.core.groups.Tuple.tuple("n", "$.n", "VARCHAR(1)"),
            org.assertj.core.groups.Tuple.tuple("my_col", "$.my col", "VARCHAR(8)"));
    assertThat(r.parsed().get(1)).containsExactly("2026-01-02", "2", "3", "", "xyzzy");
  }

  @Test
  void csvAndNeither() {
    SchemaInference.Result r = SchemaInference.infer(List.of("1,true,9999999999", "2,false,1"));
    assertThat(columns(r)).extracting(c -> c.get("SqlType"))
        .containsExactly("INTEGER", "BOOLEAN", "BIGINT");
    assertThat(r.schema().get("RecordFormat").toString()).contains("RecordFormatType=CSV");
    assertThat(SchemaInference.infer(List.of("a,b", "a,b,c"))).isNull();
    assertThat(SchemaInference.infer(List.of("one field", "another"))).isNull();
  }
}
