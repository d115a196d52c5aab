package io.rivulet.analytics.flink.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.analytics.flink.sql.SqlHarness.Record;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each SQL-1_0 construct run on one shared Flink MiniCluster, asserting the rows produced. */
class SqlExecutionTest {
  @RegisterExtension
  static final MiniClusterExtension FLINK = new MiniClusterExtension(
      new MiniClusterResourceConfiguration.Builder()
          .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(4).build());

  private static final long T0 = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();

  static Configs pageViews() {
    return new Configs().input("SOURCE_SQL_STREAM", "page-views", Configs.json("$",
        Configs.columns("USER_ID", "VARCHAR(16)", "$.userId", "PAGE", "VARCHAR(64)", "$.page")));
  }

  static Record view(long offsetMillis, String user, String page) {
    return new Record(T0 + offsetMillis,
        "{\"userId\":\"" + user + "\",\"page\":\"" + page + "\"}");
  }

  static Translation translate(String code, Configs configs) throws Exception {
    return SqlTranslator.translate(code, configs.parsed(), SqlHarness.BINDINGS,
        (b, k) -> { throw new java.io.IOException("no S3 here"); });
  }

  @Test
  void seedExampleActiveUsersPerFiveMinuteSlidingWindow() throws Exception {
    String code = """
        CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (active_users BIGINT, at_time TIMESTAMP);
        CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
          SELECT STREAM COUNT(DISTINCT user_id) OVER W1, ROWTIME
          FROM "SOURCE_SQL_STREAM_001"
          WINDOW W1 AS (RANGE INTERVAL '5' MINUTE PRECEDING);
        """;
    List<Record> events = new ArrayList<>();
    java.util.Random random = new java.util.Random(42);
    long t = 0;
    for (int i = 0; i < 300; i++) {
      t += random.nextInt(4000);
      events.add(view(t, "user-" + random.nextInt(40), "/p" + random.nextInt(5)));
    }
    Translation tr = translate(code, pageViews().output("DESTINATION_SQL_STREAM", "active", "JSON"));
    List<String> out = SqlHarness.run(tr, Map.of("SOURCE_SQL_STREAM_001", events))
        .get("DESTINATION_SQL_STREAM");
    assertThat(out).containsExactlyInAnyOrderElementsOf(activeUsers(events));
  }

  /** The reference computation: per event, distinct users that arrived in the 5 minutes before. */
  static List<String> activeUsers(List<Record> events) {
    List<String> expected = new ArrayList<>();
    for (Record e : events) {
      Set<String> users = new HashSet<>();
      for (Record o : events) {
        if (o.arrivalMillis() <= e.arrivalMillis() && o.arrivalMillis() >= e.arrivalMillis() - 300_000) {
          users.add(o.data().replaceAll(".*\"userId\":\"([^\"]*)\".*", "$1"));
        }
      }
      expected.add("{\"ACTIVE_USERS\":" + users.size() + ",\"AT_TIME\":\""
          + RecordEncodeFunction.text(java.time.LocalDateTime.ofInstant(
              Instant.ofEpochMilli(e.arrivalMillis()), java.time.ZoneOffset.UTC)) + "\"}");
    }
    return expected;
  }

  @Test
  void plainPumpFiltersAndProjects() throws Exception {
    String code = """
        CREATE OR REPLACE STREAM "OUT" (u VARCHAR(16), arrived TIMESTAMP);
        CREATE OR REPLACE PUMP "P" AS INSERT INTO "OUT"
          SELECT STREAM user_id, APPROXIMATE_ARRIVAL_TIME FROM "SOURCE_SQL_STREAM_001"
          WHERE page = '/checkout';
        """;
    Translation tr = translate(code, pageViews().output("OUT", "o", "JSON"));
    List<String> out = SqlHarness.run(tr, Map.of("SOURCE_SQL_STREAM_001", List.of(
        view(0, "a", "/home"), view(1000, "b", "/checkout"), view(2500, "c", "/checkout"))))
        .get("OUT");
    assertThat(out).containsExactly(
        "{\"U\":\"b\",\"ARRIVED\":\"2026-01-01 10:00:01.000\"}",
        "{\"U\":\"c\",\"ARRIVED\":\"2026-01-01 10:00:02.500\"}");
  }

  @Test
  void tumblingStepWindowCountsPerMinute() throws Exception {
    String code = """
        CREATE OR REPLACE STREAM "OUT" (window_start TIMESTAMP, page VARCHAR(64), views INTEGER);
        CREATE OR REPLACE PUMP "P" AS INSERT INTO "OUT"
          SELECT STREAM STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND), page, COUNT(*)
          FROM "SOURCE_SQL_STREAM_001"
          GROUP BY page, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
        """;
    Translation tr = translate(code, pageViews().output("OUT", "o", "CSV"));
    List<String> out = SqlHarness.run(tr, Map.of("SOURCE_SQL_STREAM_001", List.of(
        view(0, "a", "/x"), view(30_000, "b", "/x"), view(59_999, "c", "/y"),
        view(60_000, "d", "/x"), view(150_000, "e", "/x")))).get("OUT");
    assertThat(out).containsExactlyInAnyOrder(
        "2026-01-01 10:00:00.000,/x,2\n", "2026-01-01 10:00:00.000,/y,1\n",
        "2026-01-01 10:01:00.000,/x,1\n", "2026-01-01 10:02:00.000,/x,1\n");
  }

  @Test
  void tumblingFloorWindowWithRowtimeAsWindowEnd() throws Exception {
    String code = """
        CREATE OR REPLACE STREAM "OUT" (ended TIMESTAMP, users BIGINT);
        CREATE OR REPLACE PUMP "P" AS INSERT INTO "OUT"
          SELECT STREAM ROWTIME, COUNT(DISTINCT user_id) FROM "SOURCE_SQL_STREAM_001"
          GROUP BY FLOOR("SOURCE_SQL_STREAM_001".ROWTIME TO MINUTE);
        """;
    Translation tr = translate(code, pageViews().output("OUT", "o", "JSON"));
    List<String> out = SqlHarness.run(tr, Map.of("SOURCE_SQL_STREAM_001", List.of(
        view(0, "a", "/x"), view(1_000, "a", "/y"), view(2_000, "b", "/y"),
        view(61_000, "c", "/x")))).get("OUT");
    assertThat(out).containsExactly(
        "{\"ENDED\":\"2026-01-01 10:01:00.000\",\"USERS\":2}",
        "{\"ENDED\":\"2026-01-01 10:02:00.000\",\"USERS\":1}");
  }

  @Test
  void slidingRangeWindowPartitionedByKey() throws Exception {
    String code = """
        CREATE OR REPLACE STREAM "OUT" (page VARCHAR(64), views_last_10s BIGINT);
        CREATE OR REPLACE PUMP "P" AS INSERT INTO "OUT"
          SELECT STREAM page, COUNT(*) OVER (PARTITION BY page RANGE INTERVAL '10' SECOND PRECEDING)
          FROM "SOURCE_SQL_STREAM_001";
        """;
    Translation tr = translate(code, pageViews().output("OUT", "o", "CSV"));
    List<String> out = SqlHarness.run(tr, Map.of("SOURCE_SQL_STREAM_001", List.of(
        view(0, "a", "/x"), view(5_000, "b", "/x"), view(6_000, "c", "/y"),
        view(10_000, "d", "/x"), view(10_001, "e", "/x")))).get("OUT");
    assertThat(out).containsExactly("/x,1\n", "/x,2\n", "/y,1\n", "/x,3\n", "/x,3\n");
  }

  @Test
  void slidingRowsWindow() throws Exception {
    String code = """
        CREATE OR REPLACE STREAM "OUT" (u VARCHAR(16), last3 BIGINT);
        CREATE OR REPLACE PUMP "P" AS INSERT INTO "OUT"
          SELECT STREAM user_id, COUNT(*) OVER W FROM "SOURCE_SQL_STREAM_001"
          WINDOW W AS (ROWS 2 PRECEDING);
        """;
    Translation tr = translate(code, pageViews().output("OUT", "o", "CSV"));
    List<String> out = SqlHarness.run(tr, Map.of("SOURCE_SQL_STREAM_001", List.of(
        view(0, "a", "/x"), view(1_000, "b", "/x"), view(2_000, "c", "/y"),
        view(3_000, "d", "/x")))).get("OUT");
    assertThat(out).containsExactly("a,1\n", "b,2\n", "c,3\n", "d,3\n");
  }

  @Test
  void csvInputRowsAndChainedStreamsWithTwoPumps() throws Exception {
    Configs c = new Configs().input("IN", "csv", Configs.csv("\n", ";", Configs.columns(
        "TICKER", "VARCHAR(4)", null, "PRICE", "DOUBLE", null)))
        .output("ALL_PRICES", "o", "CSV");
    String code = """
        CREATE OR REPLACE STREAM "CHEAP" (ticker VARCHAR(4), price DOUBLE);
        CREATE OR REPLACE STREAM "ALL_PRICES" (ticker VARCHAR(4), price DOUBLE, kind VARCHAR(8));
        CREATE OR REPLACE PUMP "P1" AS INSERT INTO "CHEAP"
          SELECT STREAM ticker, price FROM "IN_001" WHERE price < 10;
        CREATE OR REPLACE PUMP "P2" AS INSERT INTO "ALL_PRICES"
          SELECT STREAM ticker, price, 'cheap' FROM "CHEAP";
        CREATE OR REPLACE PUMP "P3" AS INSERT INTO "ALL_PRICES" (ticker, kind)
          SELECT STREAM ticker, 'any' FROM "IN_001";
        """;
    Translation tr = translate(code, c);
    List<String> out = SqlHarness.run(tr, Map.of("IN_001", List.of(
        new Record(T0, "AMZN;120.5\nXYZ;3.25"), new Record(T0 + 1, "BAD;notanumber"))))
        .get("ALL_PRICES");
    assertThat(out).containsExactlyInAnyOrder("XYZ,3.25,cheap\n", "AMZN,,any\n", "XYZ,,any\n");
  }

  @Test
  void jsonRecordRowPathMakesOneRowPerElement() throws Exception {
    Configs c = new Configs().input("IN", "s", Configs.json("$.events[0:]", Configs.columns(
        "N", "INTEGER", "$.events[0:].n", "TAG", "VARCHAR(8)", "$.events[0:].meta.tag")))
        .output("OUT", "o", "JSON");
    String code = """
        CREATE STREAM "OUT" (n INTEGER, tag VARCHAR(8));
        CREATE PUMP "P" AS INSERT INTO "OUT" SELECT STREAM * FROM "IN_001";
        """;
    Translation tr = translate(code, c);
    List<String> out = SqlHarness.run(tr, Map.of("IN_001", List.of(new Record(T0,
        "{\"events\":[{\"n\":1,\"meta\":{\"tag\":\"x\"}},{\"n\":2}]}")))).get("OUT");
    assertThat(out).containsExactly("{\"N\":1,\"TAG\":\"x\"}", "{\"N\":2,\"TAG\":null}");
  }

  @Test
  void referenceDataJoinThenTumblingWindowOnTheEnrichedStream() throws Exception {
    Configs c = pageViews().reference("PAGES", "ref", "pages.csv", Configs.csv("\n", ",",
        Configs.columns("PATH", "VARCHAR(64)", null, "TITLE", "VARCHAR(32)", null)))
        .output("ENRICHED", "o", "JSON").output("PER_MINUTE", "o2", "CSV");
    String code = """
        CREATE OR REPLACE STREAM "ENRICHED" (u VARCHAR(16), title VARCHAR(32));
        CREATE OR REPLACE STREAM "PER_MINUTE" (title VARCHAR(32), n BIGINT);
        CREATE OR REPLACE PUMP "P" AS INSERT INTO "ENRICHED"
          SELECT STREAM s.user_id, p.title FROM "SOURCE_SQL_STREAM_001" AS s
          LEFT JOIN "PAGES" AS p ON s.page = p.path;
        CREATE OR REPLACE PUMP "P2" AS INSERT INTO "PER_MINUTE"
          SELECT STREAM title, COUNT(*) FROM "ENRICHED"
          GROUP BY title, STEP("ENRICHED".ROWTIME BY INTERVAL '1' MINUTE);
        """;
    Translation tr = SqlTranslator.translate(code, c.parsed(), SqlHarness.BINDINGS, (b, k) ->
        "/x,Home\n/y,Cart\n".getBytes(StandardCharsets.UTF_8));
    Map<String, List<String>> out = SqlHarness.run(tr, Map.of("SOURCE_SQL_STREAM_001", List.of(
        view(0, "a", "/x"), view(1_000, "b", "/z"), view(2_000, "c", "/y"),
        view(3_000, "d", "/x"))));
    assertThat(out.get("ENRICHED")).containsExactly("{\"U\":\"a\",\"TITLE\":\"Home\"}",
        "{\"U\":\"b\",\"TITLE\":null}", "{\"U\":\"c\",\"TITLE\":\"Cart\"}",
        "{\"U\":\"d\",\"TITLE\":\"Home\"}");
    assertThat(out.get("PER_MINUTE")).containsExactlyInAnyOrder("Home,2\n", ",1\n", "Cart,1\n");
  }

  @Test
  void inApplicationStreamKeepsRowtime() throws Exception {
    String code = """
        CREATE OR REPLACE STREAM "OUT" (u VARCHAR(16));
        CREATE OR REPLACE PUMP "P" AS INSERT INTO "OUT"
          SELECT STREAM user_id FROM "SOURCE_SQL_STREAM_001";
        """;
    Translation tr = translate(code, pageViews());
    List<Row> rows = SqlHarness.rows(tr, Map.of("SOURCE_SQL_STREAM_001", List.of(
        view(1_500, "a", "/x"))), "OUT");
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).getField(0)).hasToString("2026-01-01T10:00:01.500");
    assertThat(rows.get(0).getField(1)).isEqualTo("a");
  }
}
