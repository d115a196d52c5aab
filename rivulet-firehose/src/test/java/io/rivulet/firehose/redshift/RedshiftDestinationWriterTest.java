package io.rivulet.firehose.redshift;

import static io.rivulet.firehose.redshift.RedshiftTestServers.batch;
import static io.rivulet.firehose.redshift.RedshiftTestServers.bucket;
import static io.rivulet.firehose.redshift.RedshiftTestServers.config;
import static io.rivulet.firehose.redshift.RedshiftTestServers.row;
import static io.rivulet.firehose.redshift.RedshiftTestServers.rows;
import static io.rivulet.firehose.redshift.RedshiftTestServers.s3;
import static io.rivulet.firehose.redshift.RedshiftTestServers.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.RecordingDeliveryContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Redshift writer against a real PostgreSQL server and an S3 API: what it stages (data object,
 * manifest) and how the staged data loads under each CopyOptions format.
 */
@ExtendWith(RedshiftTestServers.class)
class RedshiftDestinationWriterTest {
  private static final Instant ARRIVAL = Instant.parse("2024-05-06T07:08:09Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RecordingDeliveryContext ctx = new RecordingDeliveryContext(ARRIVAL.plusSeconds(60));

  private void deliver(Map<String, Object> config, DeliveryBatch batch) throws Exception {
    try (RedshiftDestinationWriter w = new RedshiftDestinationWriter(config, ctx, s3())) {
      w.deliver(batch);
    }
  }

  @Test
  void jsonAutoStagesTheRecordsWithAManifestAndLoadsKeysByExactColumnName() throws Exception {
    String table = table("fruit", "id int, name varchar(20), price numeric(10,2),"
        + " active boolean, tags varchar(200), absent varchar(10)");
    String bucket = bucket();
    String[] records = {
        "{\"id\":1,\"name\":\"apple\",\"price\":1.25,\"active\":true,\"tags\":[\"a\",\"b\"],"
            + "\"unknown\":{\"x\":1}}",
        "{\"id\":2,\"Name\":\"Pear\",\"price\":2}",
        "\n{\"id\":3,\"name\":null,\"price\":1e1}\n"};
    deliver(config(bucket, table, null, "FORMAT AS JSON 'auto'", 60), batch(7, ARRIVAL.toEpochMilli(),
        records));

    assertThat(rows("SELECT id, name, price, active, tags, absent FROM " + table + " ORDER BY id"))
        .containsExactly(
            row("1", "apple", "1.25", "t", "[\"a\",\"b\"]", null),
            row("2", null, "2.00", null, null, null),
            row("3", null, "10.00", null, null, null));
    String name = "orders-2024-05-06-07-08-09-00000000000000000007-00000000000000000009";
    String dataKey = "staging/2024/05/06/07/" + name;
    assertThat(keys(bucket)).containsExactlyInAnyOrder(dataKey,
        "staging/manifests/2024/05/06/07/" + name);
    assertThat(object(bucket, dataKey)).isEqualTo(String.join("", records));
    JsonNode manifest = JSON.readTree(object(bucket, "staging/manifests/2024/05/06/07/" + name));
    assertThat(manifest.toString()).isEqualTo(
        "{\"entries\":[{\"url\":\"s3://" + bucket + "/" + dataKey + "\",\"mandatory\":true}]}");
    assertThat(ctx.deliveredRecords()).isEqualTo(Map.of("Redshift", 3L));
    assertThat(ctx.deliveredBytes())
        .isEqualTo(Map.of("Redshift", (long) String.join("", records).length()));
    assertThat(ctx.sleeps).isEmpty();
  }

  @Test
  void jsonAutoIgnorecaseMatchesKeysWhateverTheirCase() throws Exception {
    String table = table("kiwi", "id int, name text");
    deliver(config(bucket(), table, "id, name", "json 'auto ignorecase'", 60),
        batch(0, ARRIVAL.toEpochMilli(), "{\"ID\":7,\"NaMe\":\"Kiwi\"}", "{\"id\":8}"));

    assertThat(rows("SELECT id, name FROM " + table + " ORDER BY id"))
        .containsExactly(row("7", "Kiwi"), row("8", null));
  }

  @Test
  void csvHonoursQuotesNewlinesNullsAndTheHeader() throws Exception {
    String table = table("notes", "id int, label varchar(50), note text");
    deliver(config(bucket(), table, null, "CSV IGNOREHEADER AS 1", 60),
        batch(0, ARRIVAL.toEpochMilli(),
            "id,label,note\n",
            "1,\"a, \"\"quoted\"\" word\",plain\r\n",
            "2,\"two\nlines\",\n",
            "3,,\\N\n",
            ",  \"no id\"  ,n"));

    assertThat(rows("SELECT id, label, note FROM " + table + " ORDER BY id NULLS LAST"))
        .containsExactly(
            row("1", "a, \"quoted\" word", "plain"),
            row("2", "two\nlines", ""),
            row("3", "", null),
            row(null, "no id", "n"));
  }

  @Test
  void delimitedTextUsesPipesByDefaultAndTheConfiguredDelimiter() throws Exception {
    String piped = table("piped", "id int, a text, b text");
    String semi = table("semi", "id int, a text, b text");
    deliver(config(bucket(), piped, null, "", 60),
        batch(0, ARRIVAL.toEpochMilli(), "1|x\\y|\\N\n", "2|tab\there|\n"));
    deliver(config(bucket(), semi, null,
            "DELIMITER ';' NULL AS 'nil' FILLRECORD ESCAPE EMPTYASNULL", 60),
        batch(0, ARRIVAL.toEpochMilli(), "1;semi\\;colon;nil\n", "2;short\n", "3;;\\\\back\n"));

    assertThat(rows("SELECT id, a, b FROM " + piped + " ORDER BY id")).containsExactly(
        row("1", "x\\y", null), row("2", "tab\there", ""));
    assertThat(rows("SELECT id, a, b FROM " + semi + " ORDER BY id")).containsExactly(
        row("1", "semi;colon", null), row("2", "short", null), row("3", null, "\\back"));
  }

  @Test
  void gzipStagingIsCompressedAndLoadedWithTheGzipOption() throws Exception {
    String table = table("zipped", "id int, city text");
    String bucket = bucket();
    Map<String, Object> config = config(bucket, table, null, "JSON 'auto' GZIP", 60);
    @SuppressWarnings("unchecked")
    Map<String, Object> staging = (Map<String, Object>) config.get("S3Configuration");
    staging.put("CompressionFormat", "GZIP");
    String[] records = {"{\"id\":1,\"city\":\"Zürich\"}", "{\"id\":2,\"city\":\"Ōsaka\"}"};
    deliver(config, batch(40, ARRIVAL.toEpochMilli(), records));

    assertThat(rows("SELECT id, city FROM " + table + " ORDER BY id"))
        .containsExactly(row("1", "Zürich"), row("2", "Ōsaka"));
    String dataKey = keys(bucket).stream().filter(k -> k.endsWith(".gz")).findFirst().orElseThrow();
    byte[] staged = s3().getObjectAsBytes(b -> b.bucket(bucket).key(dataKey)).asByteArray();
    assertThat(staged[0] & 0xff).isEqualTo(0x1f);
    assertThat(staged[1] & 0xff).isEqualTo(0x8b);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(staged))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(String.join("", records));
    }
  }

  @Test
  void epochTimeFormatsLoadIntoTimestampColumns() throws Exception {
    String table = table("events", "id int, at timestamptz, local timestamp");
    deliver(config(bucket(), table, null, "JSON 'auto' TIMEFORMAT 'epochmillisecs'", 60),
        batch(0, ARRIVAL.toEpochMilli(),
            "{\"id\":1,\"at\":1700000000123,\"local\":\"1700000000000\"}"));

    assertThat(rows("SELECT id, extract(epoch from at)::text, local::text FROM " + table))
        .containsExactly(row("1", "1700000000.123000", "2023-11-14 22:13:20"));
  }

  private static List<String> keys(String bucket) {
    return s3().listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key)
        .toList();
  }

  private static String object(String bucket, String key) {
    return s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
  }
}
