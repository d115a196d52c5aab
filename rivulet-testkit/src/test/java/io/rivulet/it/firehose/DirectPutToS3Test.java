package io.rivulet.it.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.CompressionFormat;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * DirectPut to S3 end to end, through one server with its embedded S3 API: records wait in the
 * durable buffer until the buffering interval passes on the server's clock (or the size hint is
 * reached), then arrive as one object named and compressed as Firehose names and compresses it;
 * records a Lambda processor fails go to the processing-failed error output; JSON becomes Parquet
 * with a table of the local Glue catalog ({@code <data-dir>/glue}); /metrics counts the delivery.
 */
class DirectPutToS3Test {
  static final TestClock clock = new TestClock(Instant.parse("2026-03-05T06:07:08Z").toEpochMilli());
  static final LambdaFunctionServer lambda = new LambdaFunctionServer(s -> {
    if (s.startsWith("bad")) {
      throw new IllegalArgumentException("rejected");
    }
    return s;
  });

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock)
      .withS3(new RivuletServer.Options.S3(0, null))
      .withFirehose(o.firehose().withEndpoints(o.firehose().endpoints()
          .withLambda(lambda.endpoint().toString()))));

  @AfterAll
  static void stopLambda() {
    lambda.close();
  }

  static S3Client s3() {
    return FirehoseSdk.embeddedS3(rivulet);
  }

  static List<S3Object> objects(S3Client s3, String bucket, String prefix) {
    return FirehoseSdk.objects(s3, bucket, prefix);
  }

  static List<S3Object> await(S3Client s3, String bucket, String prefix, int count) {
    return FirehoseSdk.awaitObjects(s3, bucket, prefix, count);
  }

  static String gunzip(byte[] bytes) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Record record(String s) {
    return Record.builder().data(SdkBytes.fromUtf8String(s)).build();
  }

  @Test
  void recordsArriveAsOneGzipObjectWhenTheIntervalPasses() throws Exception {
    try (S3Client s3 = s3()) {
      s3.createBucket(b -> b.bucket("events"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("to-s3")
          .extendedS3DestinationConfiguration(FirehoseSdk.s3("events", 1, 60).toBuilder()
              .prefix("raw/").compressionFormat(CompressionFormat.GZIP).build()));
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        sent.add("{\"n\":" + i + "}\n");
      }
      firehose.putRecordBatch(b -> b.deliveryStreamName("to-s3")
          .records(sent.subList(0, 5).stream().map(DirectPutToS3Test::record).toList()));
      sent.subList(5, 10).forEach(r -> firehose.putRecord(b -> b.deliveryStreamName("to-s3").record(record(r))));
      Thread.sleep(300); // polls of the delivery loop: the 60 s interval has not passed
      assertThat(objects(s3, "events", "")).isEmpty();

      clock.advance(Duration.ofSeconds(60));
      List<S3Object> delivered = await(s3, "events", "raw/", 1);
      assertThat(delivered).hasSize(1);
      String key = delivered.get(0).key();
      String hour = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH/").withZone(ZoneOffset.UTC)
          .format(Instant.parse("2026-03-05T06:07:08Z"));
      assertThat(key).startsWith("raw/" + hour + "to-s3-1-2026-03-05-06-07-08-").endsWith(".gz");
      byte[] body = s3.getObjectAsBytes(b -> b.bucket("events").key(key)).asByteArray();
      assertThat(gunzip(body)).isEqualTo(String.join("", sent));

      String metrics = scrape();
      String labels = "{account=\"000000000000\",delivery_stream=\"to-s3\",destination=\"S3\",region=\"us-east-1\"}";
      assertThat(metrics).contains("rivulet_firehose_delivery_records_total" + labels + " 10.0")
          .contains("rivulet_firehose_delivery_data_freshness_seconds" + labels + " 0.0");
      assertThat(metrics).containsPattern("rivulet_firehose_delivery_success_total\\Q" + labels + "\\E [1-9]");
    }
  }

  @Test
  void processingFailuresLandInTheErrorOutput() throws Exception {
    try (S3Client s3 = s3()) {
      s3.createBucket(b -> b.bucket("processed"));
      FirehoseClient firehose = rivulet.firehose();
      ExtendedS3DestinationConfiguration config = FirehoseSdk.s3("processed", 1, 0).toBuilder()
          .prefix("ok/").errorOutputPrefix("failed/!{firehose:error-output-type}/")
          .processingConfiguration(ProcessingConfiguration.builder().enabled(true)
              .processors(Processor.builder().type("Lambda").parameters(ProcessorParameter.builder()
                  .parameterName("LambdaArn")
                  .parameterValue("arn:aws:lambda:us-east-1:000000000000:function:check").build())
                  .build()).build())
          .build();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("with-failures")
          .extendedS3DestinationConfiguration(config));
      firehose.putRecordBatch(b -> b.deliveryStreamName("with-failures")
          .records(record("good-1\n"), record("bad-2\n"), record("good-3\n")));
      List<S3Object> ok = await(s3, "processed", "ok/", 1);
      assertThat(s3.getObjectAsBytes(b -> b.bucket("processed").key(ok.get(0).key())).asUtf8String())
          .isEqualTo("good-1\ngood-3\n");
      List<S3Object> failed = await(s3, "processed", "failed/processing-failed/", 1);
      String line = s3.getObjectAsBytes(b -> b.bucket("processed").key(failed.get(0).key())).asUtf8String();
      assertThat(line).contains("\"errorCode\":\"Lambda.ProcessingFailedStatus\"")
          .contains("\"rawData\":\"YmFkLTIK\"")
          .contains("\"lambdaArn\":\"arn:aws:lambda:us-east-1:000000000000:function:check\"");
      assertThat(line.strip().lines()).hasSize(1);
    }
  }

  @Test
  void theSizeHintDeliversBeforeTheInterval() throws Exception {
    try (S3Client s3 = s3()) {
      s3.createBucket(b -> b.bucket("big"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("by-size")
          .extendedS3DestinationConfiguration(FirehoseSdk.s3("big", 1, 900)));
      byte[] chunk = new byte[400 * 1024];
      for (int i = 0; i < 3; i++) { // 1.2 MiB: over the 1 MiB hint
        firehose.putRecord(b -> b.deliveryStreamName("by-size")
            .record(r -> r.data(SdkBytes.fromByteArray(chunk))));
      }
      List<S3Object> delivered = await(s3, "big", "", 1);
      assertThat(delivered.get(0).size()).isEqualTo(2 * 400 * 1024L); // the third would pass 1 MiB
      Thread.sleep(300);
      assertThat(objects(s3, "big", "")).as("the rest waits for the interval").hasSize(1);
      clock.advance(Duration.ofSeconds(900));
      assertThat(await(s3, "big", "", 2)).hasSize(2);
    }
  }

  @Test
  void jsonRecordsAreConvertedToParquetWithATableFromTheLocalGlueCatalog() throws Exception {
    java.nio.file.Path table = rivulet.dataDir().resolve("glue").resolve("analytics")
        .resolve("events.json");
    java.nio.file.Files.createDirectories(table.getParent());
    java.nio.file.Files.writeString(table,
        "{\"Columns\": [{\"Name\": \"id\", \"Type\": \"int\"}, {\"Name\": \"page\", \"Type\": \"string\"}]}");
    try (S3Client s3 = s3()) {
      s3.createBucket(b -> b.bucket("lake"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("to-parquet")
          .extendedS3DestinationConfiguration(FirehoseSdk.s3("lake", 64, 60).toBuilder()
              .dataFormatConversionConfiguration(c -> c.enabled(true)
                  .schemaConfiguration(t -> t.databaseName("analytics").tableName("events")
                      .roleARN(FirehoseSdk.ROLE))
                  .inputFormatConfiguration(i -> i.deserializer(d -> d.openXJsonSerDe(x -> { })))
                  .outputFormatConfiguration(o -> o.serializer(z -> z.parquetSerDe(q -> { }))))
              .build()));
      firehose.putRecordBatch(b -> b.deliveryStreamName("to-parquet").records(
          record("{\"id\": 1, \"page\": \"home\"}"), record("{\"id\": 2, \"page\": \"cart\"}")));
      clock.advance(Duration.ofSeconds(60));
      S3Object object = await(s3, "lake", "", 1).get(0);
      assertThat(object.key()).endsWith(".parquet");
      byte[] file = s3.getObjectAsBytes(b -> b.bucket("lake").key(object.key())).asByteArray();
      assertThat(new String(file, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
      assertThat(new String(file, file.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
    }
  }

  static String scrape() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create(rivulet.endpoint() + "/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
    return r.body();
  }
}
