package io.rivulet.firehose.redshift;

import static io.rivulet.firehose.redshift.RedshiftTestServers.STREAM_ARN;
import static io.rivulet.firehose.redshift.RedshiftTestServers.batch;
import static io.rivulet.firehose.redshift.RedshiftTestServers.bucket;
import static io.rivulet.firehose.redshift.RedshiftTestServers.config;
import static io.rivulet.firehose.redshift.RedshiftTestServers.postgres;
import static io.rivulet.firehose.redshift.RedshiftTestServers.row;
import static io.rivulet.firehose.redshift.RedshiftTestServers.rows;
import static io.rivulet.firehose.redshift.RedshiftTestServers.s3;
import static io.rivulet.firehose.redshift.RedshiftTestServers.sql;
import static io.rivulet.firehose.redshift.RedshiftTestServers.table;
import static io.rivulet.firehose.redshift.RedshiftTestServers.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.RecordingDeliveryContext;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Redelivery, retries and skipped batches against a real PostgreSQL server: exactly-once loads,
 * back-off within RetryOptions.DurationInSeconds on the injected clock, and the manifest of a batch
 * given up on kept under errors/manifests/ with Firehose's Redshift error code.
 */
@ExtendWith(RedshiftTestServers.class)
class RedshiftDeliveryFailureTest {
  private static final Instant ARRIVAL = Instant.parse("2024-05-06T07:08:09Z");
  private static final String NAME_0_1 =
      "orders-2024-05-06-07-08-09-00000000000000000000-00000000000000000001";

  private final RecordingDeliveryContext ctx = new RecordingDeliveryContext(ARRIVAL.plusSeconds(5));

  private static DeliveryBatch twoRecords() {
    return batch(0, ARRIVAL.toEpochMilli(), "{\"id\":1}", "{\"id\":2}");
  }

  @Test
  void aRedeliveredBatchIsLoadedOnce() throws Exception {
    String table = table("once", "id int");
    Map<String, Object> config = config(bucket(), table, null, "JSON 'auto'", 60);
    try (RedshiftDestinationWriter w = new RedshiftDestinationWriter(config, ctx, s3())) {
      w.deliver(twoRecords());
      w.deliver(twoRecords());
    }
    try (RedshiftDestinationWriter again = new RedshiftDestinationWriter(config, ctx, s3())) {
      again.deliver(twoRecords());  // after a restart, say
      again.deliver(batch(2, ARRIVAL.toEpochMilli(), "{\"id\":3}"));
    }

    assertThat(rows("SELECT id FROM " + table + " ORDER BY id"))
        .containsExactly(row("1"), row("2"), row("3"));
    assertThat(rows("SELECT first_offset, last_offset, oldest_arrival_ms FROM "
        + PostgresLoader.MARKER_TABLE + " WHERE delivery_stream = '" + STREAM_ARN
        + "' AND data_table = '" + table + "' ORDER BY first_offset")).containsExactly(
        row("0", "1", String.valueOf(ARRIVAL.toEpochMilli())),
        row("2", "2", String.valueOf(ARRIVAL.toEpochMilli())));
    assertThat(ctx.deliveries()).isEqualTo(4);
  }

  @Test
  void aMissingTableIsRetriedForTheRetryDurationThenTheManifestGoesToErrors() throws Exception {
    String bucket = bucket();
    String table = unique("never");
    try (RedshiftDestinationWriter w = new RedshiftDestinationWriter(
        config(bucket, table, null, "JSON 'auto'", 60), ctx, s3())) {
      w.deliver(twoRecords());
    }

    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
        Duration.ofSeconds(29));
    assertThat(ctx.slept()).isEqualTo(Duration.ofSeconds(60));
    assertThat(ctx.failedRecords()).isEqualTo(Map.of("Redshift", 2L));
    assertThat(ctx.deliveries()).isZero();
    assertThat(ctx.errorOutputs).isEmpty();
    assertThat(ctx.backups).isEmpty(); // the delivery stream backs up, not the writer
    String failedKey = "staging/errors/manifests/2024/05/06/07/" + NAME_0_1;
    ResponseBytes<GetObjectResponse> failed =
        s3().getObjectAsBytes(b -> b.bucket(bucket).key(failedKey));
    assertThat(failed.asUtf8String()).isEqualTo(s3().getObjectAsBytes(b -> b.bucket(bucket)
        .key("staging/manifests/2024/05/06/07/" + NAME_0_1)).asUtf8String());
    assertThat(failed.response().metadata())
        .containsEntry(Staging.ERROR_CODE_METADATA, "Redshift.TableNotFound");
    assertThat(failed.response().metadata().get(Staging.ERROR_MESSAGE_METADATA))
        .startsWith("The table to which to load data was not found.")
        .contains(table);
  }

  @Test
  void aTableCreatedWhileRetryingGetsTheBatch() throws Exception {
    String table = unique("late");
    ctx.onSleep(n -> {
      try {
        sql("CREATE TABLE " + table + " (id int)");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    try (RedshiftDestinationWriter w = new RedshiftDestinationWriter(
        config(bucket(), table, null, "JSON 'auto'", 3600), ctx, s3())) {
      w.deliver(twoRecords());
    }

    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1));
    assertThat(rows("SELECT id FROM " + table + " ORDER BY id")).containsExactly(row("1"),
        row("2"));
    assertThat(ctx.failedRecords()).isEmpty();
  }

  @Test
  void badDataRollsBackTheWholeBatchAsDataLoadFailed() throws Exception {
    String table = table("typed", "id int");
    assertThat(skippedWith(oneAttempt(table, null, "JSON 'auto'"),
        batch(0, ARRIVAL.toEpochMilli(), "{\"id\":1}", "{\"id\":\"one\"}")))
        .isEqualTo("Redshift.DataLoadFailed");

    assertThat(ctx.sleeps).isEmpty();
    assertThat(rows("SELECT id FROM " + table)).isEmpty();
    assertThat(rows("SELECT * FROM " + PostgresLoader.MARKER_TABLE + " WHERE data_table = '"
        + table + "'")).isEmpty();
  }

  @Test
  void aNotNullColumnLeftOutOfTheColumnListIsMissingColumn() throws Exception {
    String table = table("strict", "id int NOT NULL, name text");
    assertThat(skippedWith(oneAttempt(table, "name", "JSON 'auto'"),
        batch(0, ARRIVAL.toEpochMilli(), "{\"id\":1,\"name\":\"x\"}")))
        .isEqualTo("Redshift.MissingColumn");
  }

  @Test
  void aMissingColumnIsColumnNotFound() throws Exception {
    assertThat(skippedWith(oneAttempt(table("cols", "id int"), "id, nope", "JSON 'auto'"),
        twoRecords())).isEqualTo("Redshift.ColumnNotFound");
  }

  @Test
  void aWrongPasswordIsAuthenticationFailedAndZeroRetryMeansOneAttempt() throws Exception {
    Map<String, Object> config = oneAttempt(table("auth", "id int"), null, "JSON 'auto'");
    config.put("Password", "not-the-password");
    assertThat(skippedWith(config, twoRecords())).isEqualTo("Redshift.AuthenticationFailed");
    assertThat(ctx.sleeps).isEmpty();
  }

  @Test
  void anUnknownDatabaseIsDatabaseNotFound() throws Exception {
    Map<String, Object> config = oneAttempt("t", null, "JSON 'auto'");
    config.put("ClusterJDBCURL",
        "jdbc:redshift://pg.redshift.localhost:" + postgres().port() + "/nosuchdb");
    assertThat(skippedWith(config, twoRecords())).isEqualTo("Redshift.DatabaseNotFound");
  }

  @Test
  void anUnreachableServerIsConnectionFailedAndTheEndpointMapRedirects() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String table = table("mapped", "id int");
    Map<String, Object> config = oneAttempt(table, null, "JSON 'auto'");
    config.put("ClusterJDBCURL",
        "jdbc:redshift://examplecluster.abc123.us-east-1.redshift.amazonaws.com:5439/postgres");
    String cluster = "examplecluster.abc123.us-east-1.redshift.amazonaws.com:5439";
    try (RedshiftDestinationWriter w = new RedshiftDestinationWriter(config, ctx, s3(),
        hostPort -> hostPort.equals(cluster) ? "127.0.0.1:" + closedPort : hostPort)) {
      w.deliver(twoRecords());
    }
    assertThat(errorCode(config)).isEqualTo("Redshift.ConnectionFailed");

    try (RedshiftDestinationWriter w = new RedshiftDestinationWriter(config, ctx, s3(),
        hostPort -> hostPort.equals(cluster) ? "localhost:" + postgres().port() : hostPort)) {
      w.deliver(batch(5, ARRIVAL.toEpochMilli(), "{\"id\":5}"));
    }
    assertThat(rows("SELECT id FROM " + table)).containsExactly(row("5"));
  }

  @Test
  void copyOptionsThePostgresLoaderCannotHonourFailLikeACopy() throws Exception {
    String table = table("opts", "id int");
    for (String[] c : List.of(
        new String[] {"FORMAT AS PARQUET", "Redshift.IncorrectCopyOptions"},
        new String[] {"JSON 's3://bucket/jsonpaths.json'", "Redshift.IncorrectCopyOptions"},
        new String[] {"CSV JSON 'auto'", "Redshift.IncorrectCopyOptions"},
        new String[] {"FROBNICATE", "Redshift.SyntaxError"})) {
      assertThat(skippedWith(oneAttempt(table, null, c[0]), twoRecords())).as(c[0])
          .isEqualTo(c[1]);
    }
    assertThat(rows("SELECT id FROM " + table)).isEmpty();
  }

  @Test
  void gzipOptionOverUncompressedStagingIsDataLoadFailed() throws Exception {
    assertThat(skippedWith(oneAttempt(table("notgzip", "id int"), null, "JSON 'auto' GZIP"),
        twoRecords())).isEqualTo("Redshift.DataLoadFailed");
  }

  @Test
  void whenStagingFailsTheBatchIsThrownBackForTheEngineToRetry() {
    Map<String, Object> config = config("no-such-bucket-" + unique(""), "t", null, null, 0);
    assertThatThrownBy(() -> {
      try (RedshiftDestinationWriter w = new RedshiftDestinationWriter(config, ctx, s3())) {
        w.deliver(twoRecords());
      }
    }).isInstanceOfSatisfying(DeliveryException.class, e -> {
      assertThat(e.errorCode()).isEqualTo("S3.NoSuchBucket");
      assertThat(e.retryable()).isTrue();
    });
    assertThat(ctx.failedRecords()).isEmpty();
  }

  /** A configuration with a bucket of its own and one attempt (RetryOptions 0). */
  private static Map<String, Object> oneAttempt(String table, String columns, String options) {
    return config(bucket(), table, columns, options, 0);
  }

  /** Delivers {@code batch} under {@code config}; the error code its skipped manifest carries. */
  private String skippedWith(Map<String, Object> config, DeliveryBatch batch) throws Exception {
    try (RedshiftDestinationWriter w = new RedshiftDestinationWriter(config, ctx, s3())) {
      w.deliver(batch);
    }
    return errorCode(config);
  }

  /** The error code on the one failed manifest in the configuration's bucket. */
  @SuppressWarnings("unchecked")
  private static String errorCode(Map<String, Object> config) {
    String bucket = RedshiftConfig.bucketName(
        (String) ((Map<String, Object>) config.get("S3Configuration")).get("BucketARN"));
    List<String> failed = s3().listObjectsV2(b -> b.bucket(bucket).prefix("staging/errors/"))
        .contents().stream().map(S3Object::key).toList();
    assertThat(failed).hasSize(1);
    return s3().headObject(b -> b.bucket(bucket).key(failed.get(0))).metadata()
        .get(Staging.ERROR_CODE_METADATA);
  }
}
