package io.rivulet.analytics.flink.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.analytics.runtime.ApplicationSpec;
import io.rivulet.analytics.runtime.RuntimeFailure;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each SQL-1_0 construct translates to (Flink SQL text), and the errors for the rest. */
class SqlTranslatorTest {
  private static final String HEAD = """
      CREATE OR REPLACE STREAM "OUT" (page VARCHAR(64), n BIGINT);
      CREATE OR REPLACE PUMP "P" AS INSERT INTO "OUT"
      """;

  private static Translation translate(String code, Configs c) throws TranslationException {
    return SqlTranslator.translate(code, c.parsed(), SqlHarness.BINDINGS,
        (b, k) -> "/x,Home\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String pumpView(String select) throws TranslationException {
    Translation tr = translate(HEAD + select,
        SqlExecutionTest.pageViews().output("OUT", "o", "JSON"));
    return tr.statements().stream().filter(s -> s.contains("`P$pump`")).findFirst().orElseThrow();
  }

  @Test
  void inputBecomesSourceViewOverTheParseFunction() throws Exception {
    Translation tr = translate(HEAD + "SELECT STREAM page, 1 FROM \"SOURCE_SQL_STREAM_001\";",
        SqlExecutionTest.pageViews().output("OUT", "o", "JSON"));
    assertThat(tr.statements().get(0)).isEqualTo("CREATE TEMPORARY VIEW `SOURCE_SQL_STREAM_001`"
        + " AS SELECT s.`ROWTIME`, CAST(s.`ARRIVAL` AS TIMESTAMP(3)) AS `APPROXIMATE_ARRIVAL_TIME`,"
        + " r.`USER_ID`, r.`PAGE` FROM `SOURCE_SQL_STREAM_001$source` AS s, LATERAL TABLE("
        + "`SOURCE_SQL_STREAM_001$parse`(s.`DATA`)) AS r(`USER_ID`, `PAGE`)");
    assertThat(tr.functions()).containsKeys("SOURCE_SQL_STREAM_001$parse", "$encode0");
    assertThat(tr.sinks().get(0).insert()).isEqualTo("INSERT INTO `$output0$OUT` SELECT "
        + "`$encode0`(`PAGE`, `N`) FROM `OUT`");
  }

  @Test
  void streamIsTheUnionOfItsPumpsCastToItsColumns() throws Exception {
    Translation tr = translate(HEAD + "SELECT STREAM page, 1 FROM \"SOURCE_SQL_STREAM_001\";"
        + "CREATE PUMP \"P2\" AS INSERT INTO \"OUT\" (n) SELECT STREAM 2 FROM "
        + "\"SOURCE_SQL_STREAM_001\";", SqlExecutionTest.pageViews());
    assertThat(tr.statements()).contains("CREATE TEMPORARY VIEW `OUT` AS SELECT `ROWTIME`, "
        + "CAST(`PAGE` AS VARCHAR(64)) AS `PAGE`, CAST(`N` AS BIGINT) AS `N` FROM `P$pump` "
        + "UNION ALL SELECT `ROWTIME`, CAST(NULL AS VARCHAR(64)) AS `PAGE`, CAST(`N` AS BIGINT) "
        + "AS `N` FROM `P2$pump`");
  }

  @Test
  void plainSelectKeepsTheInputRowtime() throws Exception {
    assertThat(pumpView("SELECT STREAM s.page, 1 FROM \"SOURCE_SQL_STREAM_001\" AS s "
        + "WHERE s.page LIKE '/a%';")).isEqualTo("CREATE TEMPORARY VIEW `P$pump` (`ROWTIME`, "
        + "`PAGE`, `N`) AS SELECT S.ROWTIME, S.PAGE, 1 FROM `SOURCE_SQL_STREAM_001` AS S "
        + "WHERE S.PAGE LIKE '/a%'");
  }

  @Test
  void unionAllOfSelectsIsOneQuery() throws Exception {
    assertThat(pumpView("SELECT STREAM page, 1 FROM \"SOURCE_SQL_STREAM_001\" UNION ALL "
        + "SELECT STREAM user_id, 2 FROM \"SOURCE_SQL_STREAM_001\";")).endsWith("AS SELECT "
        + "`SOURCE_SQL_STREAM_001`.ROWTIME, PAGE, 1 FROM `SOURCE_SQL_STREAM_001` UNION ALL SELECT "
        + "`SOURCE_SQL_STREAM_001`.ROWTIME, USER_ID, 2 FROM `SOURCE_SQL_STREAM_001`");
    assertThatThrownBy(() -> pumpView("SELECT STREAM page, 1 FROM \"SOURCE_SQL_STREAM_001\" "
        + "UNION SELECT STREAM page, 2 FROM \"SOURCE_SQL_STREAM_001\";"))
        .hasMessageContaining("UNION without ALL");
  }

  @Test
  void stepOverRowtimeInGroupByIsATumbleWindow() throws Exception {
    assertThat(pumpView("SELECT STREAM page, COUNT(*) FROM \"SOURCE_SQL_STREAM_001\" "
        + "GROUP BY page, STEP(\"SOURCE_SQL_STREAM_001\".ROWTIME BY INTERVAL '120' SECOND);"))
        .endsWith("AS SELECT window_time, PAGE, COUNT(*) FROM TABLE(TUMBLE(TABLE "
            + "`SOURCE_SQL_STREAM_001`, DESCRIPTOR(ROWTIME), INTERVAL '120' SECOND(3))) AS "
            + "`SOURCE_SQL_STREAM_001` GROUP BY PAGE, window_start, window_end, window_time");
  }

  @Test
  void floorOverRowtimeIsATumbleWindowAndRowtimeItsEnd() throws Exception {
    assertThat(pumpView("SELECT STREAM ROWTIME, COUNT(*) FROM \"SOURCE_SQL_STREAM_001\" "
        + "GROUP BY FLOOR(ROWTIME TO HOUR);")).endsWith("AS SELECT window_time, window_end, "
        + "COUNT(*) FROM TABLE(TUMBLE(TABLE `SOURCE_SQL_STREAM_001`, DESCRIPTOR(ROWTIME), "
        + "INTERVAL '1' HOUR)) AS `SOURCE_SQL_STREAM_001` GROUP BY window_start, window_end, "
        + "window_time");
  }

  @Test
  void slidingWindowsBecomeOverWindowsOrderedByRowtime() throws Exception {
    assertThat(pumpView("SELECT STREAM page, COUNT(DISTINCT user_id) OVER W1 FROM "
        + "\"SOURCE_SQL_STREAM_001\" WINDOW W1 AS (PARTITION BY page RANGE INTERVAL '5' MINUTE "
        + "PRECEDING);")).endsWith("AS SELECT `SOURCE_SQL_STREAM_001`.ROWTIME, PAGE, "
        + "COUNT(DISTINCT USER_ID) OVER (PARTITION BY PAGE ORDER BY `SOURCE_SQL_STREAM_001`."
        + "ROWTIME RANGE BETWEEN INTERVAL '5' MINUTE PRECEDING AND CURRENT ROW) FROM "
        + "`SOURCE_SQL_STREAM_001`");
    assertThat(SelectTranslator.windowSpec(SqlLexer.tokenize("ROWS 3 PRECEDING"), "R"))
        .isEqualTo("ORDER BY R ROWS BETWEEN 3 PRECEDING AND CURRENT ROW");
  }

  @Test
  void stepOnOtherTimestampsUsesTheStepFunction() throws Exception {
    assertThat(pumpView("SELECT STREAM page, COUNT(*) FROM \"SOURCE_SQL_STREAM_001\" GROUP BY "
        + "page, STEP(APPROXIMATE_ARRIVAL_TIME BY INTERVAL '1' MINUTE), STEP(ROWTIME BY "
        + "INTERVAL '1' MINUTE);")).contains("GROUP BY PAGE, RIVULET_STEP(APPROXIMATE_ARRIVAL_TIME,"
        + " CAST(60000 AS BIGINT)), window_start");
  }

  @Test
  void referenceDataIsALookupTableJoinedAsOfProcessingTime() throws Exception {
    Translation tr = translate(HEAD + "SELECT STREAM r.title, 1 FROM \"SOURCE_SQL_STREAM_001\" s "
        + "LEFT JOIN \"PAGES\" r ON s.page = r.path;", SqlExecutionTest.pageViews().reference(
            "PAGES", "b", "k", Configs.csv("\n", ",", Configs.columns("PATH", "VARCHAR(8)", null,
                "TITLE", "VARCHAR(8)", null))));
    assertThat(tr.statements()).contains("CREATE TEMPORARY TABLE `PAGES` (`PATH` VARCHAR(8), "
        + "`TITLE` VARCHAR(8)) WITH ('connector' = 'rivulet-reference', "
        + "'rows' = '[[\"/x\",\"Home\"]]')");
    assertThat(tr.statements().stream().filter(v -> v.contains("`P$pump`")).findFirst()
        .orElseThrow()).endsWith("AS SELECT S.ROWTIME, R.TITLE, 1 FROM (SELECT *, PROCTIME() "
        + "AS `$proctime` FROM `SOURCE_SQL_STREAM_001`) S LEFT JOIN `PAGES` FOR SYSTEM_TIME AS "
        + "OF S.`$proctime` R ON S.PAGE = R.PATH");
    assertThatThrownBy(() -> translate(HEAD + "SELECT STREAM r.title, 1 FROM "
        + "\"SOURCE_SQL_STREAM_001\" s, \"PAGES\" r WHERE s.page = r.path;",
        SqlExecutionTest.pageViews().reference("PAGES", "b", "k", Configs.csv("\n", ",",
            Configs.columns("PATH", "VARCHAR(8)", null, "TITLE", "VARCHAR(8)", null)))))
        .hasMessageContaining("not joined with JOIN ... ON");
  }

  @Test
  void unsupportedConstructsAreNamed() {
    Configs c = SqlExecutionTest.pageViews();
    assertThatThrownBy(() -> translate(HEAD + "SELECT STREAM page, COUNT(*) FROM "
        + "\"SOURCE_SQL_STREAM_001\" WINDOWED BY STAGGER (PARTITION BY page RANGE INTERVAL '1' "
        + "MINUTE);", c)).hasMessageContaining("stagger windows (WINDOWED BY STAGGER");
    assertThatThrownBy(() -> translate(HEAD + "SELECT STREAM page, COUNT(*) FROM "
        + "\"SOURCE_SQL_STREAM_001\" GROUP BY page;", c))
        .hasMessageContaining("GROUP BY without STEP(ROWTIME");
    assertThatThrownBy(() -> translate(HEAD + "SELECT STREAM page, COUNT(*) FROM "
        + "\"SOURCE_SQL_STREAM_001\";", c)).hasMessageContaining("aggregate COUNT without GROUP BY");
    assertThatThrownBy(() -> translate(HEAD + "SELECT STREAM page, ANOMALY_SCORE FROM TABLE("
        + "RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM \"SOURCE_SQL_STREAM_001\")));", c))
        .hasMessageContaining("function RANDOM_CUT_FOREST");
    assertThatThrownBy(() -> translate(HEAD + "SELECT STREAM a.page, 1 FROM \"SOURCE_SQL_STREAM_001\""
        + " AS a JOIN \"SOURCE_SQL_STREAM_001\" OVER (RANGE INTERVAL '1' MINUTE PRECEDING) AS b "
        + "ON a.page = b.page;", c)).hasMessageContaining("windowed JOIN of streams");
    assertThatThrownBy(() -> translate(HEAD + "SELECT STREAM page, COUNT(*) OVER (RANGE INTERVAL "
        + "'1' MINUTE PRECEDING), COUNT(*) OVER (ROWS 2 PRECEDING) FROM \"SOURCE_SQL_STREAM_001\";",
        c)).hasMessageContaining("different sliding windows in one SELECT");
    assertThatThrownBy(() -> translate(HEAD + "SELECT STREAM page, 1 FROM \"NOPE\";", c))
        .hasMessageContaining("unknown in-application stream or reference table NOPE");
    assertThatThrownBy(() -> translate(HEAD + "SELECT STREAM page FROM \"SOURCE_SQL_STREAM_001\";",
        c)).hasMessageContaining("selects 1 columns into 2 columns of OUT");
    assertThatThrownBy(() -> translate("CREATE FUNCTION f AS 'x';", c))
        .hasMessageContaining("CREATE FUNCTION");
  }

  @Test
  void unsupportedConfigurationIsNamed() {
    Map<String, Object> lambda = Map.of("SqlApplicationConfiguration", Map.of("Outputs", List.of(
        Map.of("Name", "OUT", "LambdaOutput", Map.of("ResourceARN", "arn:aws:lambda:x"),
            "DestinationSchema", Map.of("RecordFormatType", "JSON")))));
    assertThatThrownBy(() -> SqlApplicationConfig.parse(lambda))
        .hasMessageContaining("LambdaOutput");
  }

  @Test
  void runtimeReportsTranslationErrorsAsRuntimeFailures() {
    SqlApplicationRuntime runtime = new SqlApplicationRuntime(SqlApplicationRuntime.local(),
        () -> new SqlApplicationRuntime.Settings(null, "http://127.0.0.1:1", null,
            Duration.ofSeconds(1)));
    ApplicationSpec spec = new ApplicationSpec("app", "arn:aws:kinesisanalytics:us-east-1:"
        + "000000000000:application/app", "000000000000", "us-east-1", "SQL-1_0", 1,
        SqlExecutionTest.pageViews().build(), HEAD + "SELECT STREAM page, COUNT(*) FROM "
        + "\"SOURCE_SQL_STREAM_001\" WINDOWED BY STAGGER (PARTITION BY page RANGE INTERVAL '1' "
        + "MINUTE);", null, Map.of(), 1);
    assertThat(runtime.supports("SQL-1_0")).isTrue();
    assertThat(runtime.supports("FLINK-2_2")).isFalse();
    assertThatThrownBy(() -> runtime.start(spec, null, false)).isInstanceOf(RuntimeFailure.class)
        .hasMessageContaining("WINDOWED BY STAGGER");
  }

  @Test
  void rivuletConnectorTablesForSourcesAndSinks() throws Exception {
    RivuletBindings b = new RivuletBindings("000000000000", "us-east-1", null,
        "http://127.0.0.1:4567", Duration.ofMillis(1500));
    SqlApplicationConfig c = SqlExecutionTest.pageViews().output("OUT", "s1", "JSON")
        .firehose("OUT", "d1", "CSV").parsed();
    assertThat(b.sourceTable("t", c.inputs().get(0))).isEqualTo("CREATE TEMPORARY TABLE `t` "
        + "(`DATA` BYTES, `ARRIVAL` TIMESTAMP_LTZ(3) METADATA FROM 'arrival_time' VIRTUAL, "
        + "`ROWTIME` AS CAST(`ARRIVAL` AS TIMESTAMP(3)), WATERMARK FOR `ROWTIME` AS `ROWTIME` - "
        + "INTERVAL '1.500' SECOND) WITH ('connector' = 'rivulet', 'aws.region' = 'us-east-1', "
        + "'aws.account' = '000000000000', 'stream' = 'page-views', 'format' = 'raw', "
        + "'scan.startup.mode' = 'latest')");
    assertThat(b.sinkTable("o", c.outputs().get(0))).endsWith("'stream' = 's1', 'format' = 'raw')");
    assertThat(b.sinkTable("f", c.outputs().get(1))).isEqualTo("CREATE TEMPORARY TABLE `f` "
        + "(`DATA` BYTES) WITH ('connector' = 'rivulet-firehose', 'delivery-stream' = 'd1', "
        + "'endpoint' = 'http://127.0.0.1:4567', 'region' = 'us-east-1')");
  }
}
