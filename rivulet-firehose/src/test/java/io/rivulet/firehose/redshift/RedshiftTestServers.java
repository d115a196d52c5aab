package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.s3.EmbeddedS3;
import io.rivulet.firehose.s3.S3Clients;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One PostgreSQL server and one embedded S3 server ({@link EmbeddedS3}, in process, over a
 * temporary directory) shared by the Redshift writer test classes (started by the first, stopped
 * when the run ends), and the helpers those tests share: configurations in
 * the request's shape, batches, queries. Thread-safe.
 */
final class RedshiftTestServers implements BeforeAllCallback, BeforeEachCallback {
  static final String STREAM = "orders";
  static final String STREAM_ARN =
      "arn:aws:firehose:us-east-1:000000000000:deliverystream/orders";
  private static final String ACCESS_KEY = "AKIDREDSHIFTTEST";
  private static final String SECRET_KEY = "redshift-test-secret";
  private static final AtomicInteger NAMES = new AtomicInteger();
  private static volatile Servers servers;
  private static volatile String unavailable;

  /** What the store closes at the end of the run. */
  private record Servers(PostgresServer postgres, EmbeddedS3 s3, S3Client client, Path s3Dir)
      implements AutoCloseable {
    /** The embedded S3 server on a free port of 127.0.0.1, requests signed with test keys. */
    static Servers start(PostgresServer postgres) throws IOException {
      Path dir = Files.createTempDirectory("redshift-s3-");
      EmbeddedS3 s3 = EmbeddedS3.start("127.0.0.1", 0, dir,
          new EmbeddedS3.Credentials(ACCESS_KEY, SECRET_KEY));
      return new Servers(postgres, s3,
          S3Clients.create(s3.endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY), dir);
    }

    @Override
    public void close() throws IOException {
      try {
        postgres.close();
      } finally {
        client.close();
        s3.close();
        deleteTree(s3Dir);
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    ExtensionContext.Store store =
        context.getRoot().getStore(ExtensionContext.Namespace.create(RedshiftTestServers.class));
    Servers s = store.get("servers", Servers.class);
    if (s == null && unavailable == null) {
      try {
        PostgresServer pg = PostgresServer.start();
        try {
          s = Servers.start(pg);
        } catch (Exception | Error e) {
          pg.close();
          throw e;
        }
        store.put("servers", s);
      } catch (TestAbortedException e) {
        // skip every test, each with the reason (a class-level abort shows as "0 tests run")
        unavailable = e.getMessage().replaceFirst("^Assumption failed: ", "");
        System.err.println("SKIPPED: " + unavailable);
      }
    }
    servers = s;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Assumptions.assumeTrue(unavailable == null, unavailable);
  }

  static PostgresServer postgres() {
    return servers.postgres();
  }

  static S3Client s3() {
    return servers.client();
  }

  /** A name no other test uses (tables, buckets). */
  static String unique(String base) {
    return base + NAMES.incrementAndGet();
  }

  /** A new table (a name no other test uses) of {@code columns}. */
  static String table(String base, String columns) throws SQLException {
    String table = unique(base);
    sql("CREATE TABLE " + table + " (" + columns + ")");
    return table;
  }

  /** A new bucket for one test. */
  static String bucket() {
    String name = unique("redshift-staging-");
    s3().createBucket(b -> b.bucket(name));
    return name;
  }

  /** A RedshiftDestinationConfiguration as a request carries it, against the test server. */
  static Map<String, Object> config(String bucket, String table, String columns,
      String copyOptions, int retrySeconds) {
    Map<String, Object> copy = new HashMap<>();
    copy.put("DataTableName", table);
    if (columns != null) {
      copy.put("DataTableColumns", columns);
    }
    if (copyOptions != null) {
      copy.put("CopyOptions", copyOptions);
    }
    Map<String, Object> s3 = new HashMap<>();
    s3.put("RoleARN", "arn:aws:iam::000000000000:role/firehose");
    s3.put("BucketARN", "arn:aws:s3:::" + bucket);
    s3.put("Prefix", "staging/");
    s3.put("CompressionFormat", "UNCOMPRESSED");
    Map<String, Object> c = new HashMap<>();
    c.put("RoleARN", "arn:aws:iam::000000000000:role/firehose");
    c.put("ClusterJDBCURL", postgres().clusterJdbcUrl());
    c.put("CopyCommand", copy);
    c.put("Username", PostgresServer.USER);
    c.put("Password", PostgresServer.PASSWORD);
    c.put("RetryOptions", Map.of("DurationInSeconds", retrySeconds));
    c.put("S3Configuration", s3);
    return c;
  }

  /** A processed batch over buffer offsets first..first+n-1, the records arriving at {@code at}. */
  static DeliveryBatch batch(long first, long arrivalMillis, String... records) {
    List<FirehoseRecord> out = new ArrayList<>();
    for (int i = 0; i < records.length; i++) {
      out.add(new FirehoseRecord("rec-" + (first + i), arrivalMillis,
          records[i].getBytes(StandardCharsets.UTF_8)));
    }
    return new DeliveryBatch(STREAM, STREAM_ARN, first, first + records.length - 1, out);
  }

  static void sql(String... statements) throws SQLException {
    try (Connection c = postgres().connect(); Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  /** Every row of {@code query}, each value as text (null for NULL). */
  static List<List<String>> rows(String query) throws SQLException {
    try (Connection c = postgres().connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      ResultSetMetaData md = rs.getMetaData();
      List<List<String>> out = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
      return out;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static List<String> row(String... values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      out.add(v);
    }
    return out;
  }
}
