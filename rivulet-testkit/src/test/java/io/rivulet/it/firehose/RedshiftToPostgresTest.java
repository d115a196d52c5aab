package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static io.rivulet.it.firehose.FirehoseSdk.awaitAdvancing;
import static io.rivulet.it.firehose.FirehoseSdk.awaitObjects;
import static io.rivulet.it.firehose.FirehoseSdk.processor;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.firehose.redshift.PostgresServer;
import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.RedshiftDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The Redshift destination end to end against a real PostgreSQL server (the self-hosted
 * stand-in): the SDK's FirehoseClient creates the delivery stream and puts records into the
 * server, which buffers them until the interval passes on its clock, stages them with a manifest
 * in its embedded S3 and loads them with {@code COPY … FROM STDIN}. The cluster is named by a
 * {@code *.localhost} JDBC URL or, like a real cluster's host, through the server's Firehose
 * endpoint map. PostgreSQL comes from Debian's binaries ({@code .ci/run} installs them); without
 * them the class is skipped with the reason.
 */
class RedshiftToPostgresTest {
  /** A cluster host as AWS names one, reached through the endpoint map. */
  static final String CLUSTER = "analytics.c1a2b3c4d5e6.us-east-1.redshift.amazonaws.com:5439";
  static final TestClock clock = new TestClock(Instant.parse("2026-03-05T06:07:08Z").toEpochMilli());
  /** Started by the extension's start (its endpoint map needs the port), stopped after all. */
  static PostgresServer postgres;

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> {
    postgres = startPostgres();
    return o.withClock(clock).withS3(new RivuletServer.Options.S3(0, null))
        .withFirehose(o.firehose().withEndpoints(o.firehose().endpoints()
            .withEndpointMap(Map.of(CLUSTER, "127.0.0.1:" + postgres.port()))));
  });

  static PostgresServer startPostgres() {
    try {
      return PostgresServer.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  static RedshiftDestinationConfiguration redshift(String jdbcUrl, String table, String columns,
      String copyOptions, String bucket, int retrySeconds) {
    return RedshiftDestinationConfiguration.builder()
        .roleARN(ROLE).clusterJDBCURL(jdbcUrl)
        .copyCommand(c -> c.dataTableName(table).dataTableColumns(columns).copyOptions(copyOptions))
        .username(PostgresServer.USER).password(PostgresServer.PASSWORD)
        .retryOptions(r -> r.durationInSeconds(retrySeconds))
        .s3Configuration(S3DestinationConfiguration.builder().roleARN(ROLE)
            .bucketARN("arn:aws:s3:::" + bucket).prefix("staging/")
            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(60)).build())
        .build();
  }

  static List<Record> records(String... data) {
    List<Record> out = new ArrayList<>();
    for (String d : data) {
      out.add(Record.builder().data(SdkBytes.fromUtf8String(d)).build());
    }
    return out;
  }

  static void sql(String statement) throws SQLException {
    try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** Every row of {@code query}, its values as text joined by {@code |}. */
  static List<String> rows(String query) {
    try (Connection c = postgres.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      List<String> out = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        out.add(String.join("|", row));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long count(String table) {
    return Long.parseLong(rows("SELECT count(*) FROM " + table).get(0));
  }

  /** Puts {@code data}, moves the clock past the interval and waits until it is all delivered. */
  static void putAndDeliver(FirehoseClient firehose, String stream, String... data) {
    long before = FirehoseSdk.deliveredRecords(rivulet, stream, "Redshift");
    firehose.putRecordBatch(b -> b.deliveryStreamName(stream).records(records(data)));
    clock.advance(Duration.ofSeconds(60));
    FirehoseSdk.await(() -> FirehoseSdk.deliveredRecords(rivulet, stream, "Redshift")
        == before + data.length && FirehoseSdk.view(rivulet, stream).undeliveredBytes() == 0,
        data.length + " records of " + stream + " loaded");
  }

  @Test
  void jsonRecordsAreLoadedOnceThroughALocalhostClusterUrl() throws Exception {
    sql("CREATE TABLE orders (id int PRIMARY KEY, customer varchar(32), amount numeric(10,2),"
        + " items varchar(200))");
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("orders-staging"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("orders-to-redshift")
          .redshiftDestinationConfiguration(redshift(postgres.clusterJdbcUrl(), "orders", null,
              "JSON 'auto'", "orders-staging", 60)));
      putAndDeliver(firehose, "orders-to-redshift",
          "{\"id\": 1, \"customer\": \"ada\", \"amount\": 12.5, \"items\": [\"pen\"]}",
          "{\"id\": 2, \"customer\": \"bob\", \"amount\": 3}",
          "{\"id\": 3, \"customer\": \"cy\", \"ignored\": true}");
      putAndDeliver(firehose, "orders-to-redshift",
          "{\"id\": 4, \"customer\": \"dee\", \"amount\": 0.25}");

      assertThat(rows("SELECT id, customer, amount, items FROM orders ORDER BY id")).containsExactly(
          "1|ada|12.50|[\"pen\"]", "2|bob|3.00|null", "3|cy|null|null", "4|dee|0.25|null");
      assertThat(rows("SELECT first_offset, last_offset FROM firehose_loads WHERE data_table"
          + " = 'orders' ORDER BY first_offset")).as("one load per delivered range")
          .containsExactly("0|2", "3|3");
      List<S3Object> manifests = FirehoseSdk.objects(s3, "orders-staging", "staging/manifests/");
      assertThat(manifests).hasSize(2);
      assertThat(FirehoseSdk.text(s3, "orders-staging", manifests.get(0).key()))
          .startsWith("{\"entries\":[{\"url\":\"s3://orders-staging/staging/2026/03/05/06/");
    }
    firehoseDelete("orders-to-redshift");
  }

  @Test
  void csvRecordsAreLoadedThroughTheEndpointMap() throws Exception {
    sql("CREATE TABLE visits (page varchar(64), title varchar(64), views int)");
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("visits-staging"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("visits-to-redshift")
          .redshiftDestinationConfiguration(redshift("jdbc:redshift://" + CLUSTER + "/"
              + PostgresServer.DATABASE, "visits", "page,title,views", "CSV", "visits-staging", 60)
              .toBuilder().processingConfiguration(p -> p.enabled(true).processors(
                  processor("AppendDelimiterToRecord", "Delimiter", "\\n"))).build()));
      putAndDeliver(firehose, "visits-to-redshift",
          "/home,\"Home, sweet home\",10", "/cart,\"Say \"\"hi\"\"\",2", "/plain,Plain,");
    }
    assertThat(rows("SELECT page, title, views FROM visits ORDER BY page")).containsExactly(
        "/cart|Say \"hi\"|2", "/home|Home, sweet home|10", "/plain|Plain|null");
    firehoseDelete("visits-to-redshift");
  }

  @Test
  void aMissingTableEndsAsAnErrorManifestAfterTheRetryDuration() throws Exception {
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("lost-staging"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("to-missing-table")
          .redshiftDestinationConfiguration(redshift(postgres.clusterJdbcUrl(), "no_such_table",
              null, "JSON 'auto'", "lost-staging", 120)));
      firehose.putRecordBatch(b -> b.deliveryStreamName("to-missing-table")
          .records(records("{\"id\": 1}", "{\"id\": 2}")));
      Instant start = clock.instant();
      // the interval, then every retry wait (1, 2, 4, … 30 s) passes on the server's clock
      awaitAdvancing(clock, Duration.ofSeconds(5),
          () -> !FirehoseSdk.objects(s3, "lost-staging", "staging/errors/manifests/").isEmpty(),
          "the skipped batch's manifest under errors/manifests/");
      assertThat(Duration.between(start, clock.instant()))
          .as("skipped only after the interval and the 120 s retry duration")
          .isGreaterThanOrEqualTo(Duration.ofSeconds(180));
      S3Object manifest = awaitObjects(s3, "lost-staging", "staging/errors/manifests/", 1).get(0);
      HeadObjectResponse head = s3.headObject(b -> b.bucket("lost-staging").key(manifest.key()));
      assertThat(head.metadata()).containsEntry("firehose-error-code", "Redshift.TableNotFound");
      Matcher url = Pattern.compile("\"url\":\"s3://lost-staging/([^\"]+)\"")
          .matcher(FirehoseSdk.text(s3, "lost-staging", manifest.key()));
      assertThat(url.find()).as("the manifest names an object of the bucket").isTrue();
      String staged = url.group(1);
      assertThat(FirehoseSdk.text(s3, "lost-staging", staged))
          .as("the manifest names the staged data").isEqualTo("{\"id\": 1}{\"id\": 2}");
      FirehoseSdk.await(() -> FirehoseSdk.failedRecords(rivulet, "to-missing-table", "Redshift")
          == 2, "2 failed records counted");
    }
    firehoseDelete("to-missing-table");
  }

  static void firehoseDelete(String name) {
    rivulet.firehose().deleteDeliveryStream(b -> b.deliveryStreamName(name));
  }
}
