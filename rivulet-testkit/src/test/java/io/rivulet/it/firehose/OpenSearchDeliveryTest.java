package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static io.rivulet.it.firehose.FirehoseSdk.awaitObjects;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.opensearch.OpenSearchNode;
import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.AmazonopensearchserviceIndexRotationPeriod;
import software.amazon.awssdk.services.firehose.model.ElasticsearchDestinationConfiguration;
import software.amazon.awssdk.services.firehose.model.ElasticsearchIndexRotationPeriod;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.S3DestinationConfiguration;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The OpenSearch Service and Elasticsearch destinations end to end against a real OpenSearch
 * 2.19 node (one per class, in a child JVM): the SDK's FirehoseClient puts records into the
 * server, which buffers them until the interval passes on its clock and indexes them through the
 * {@code _bulk} API with the record ids as document ids, into daily indices by arrival time; a
 * record that is not a JSON object goes to the error output in the embedded S3. The configured
 * {@code https://} ClusterEndpoint and the Elasticsearch DomainARN reach the node through the
 * server's Firehose endpoint map.
 */
class OpenSearchDeliveryTest {
  static final String CLUSTER = "https://search-logs-abc123.us-east-1.es.amazonaws.com";
  static final String DOMAIN = "arn:aws:es:us-east-1:000000000000:domain/legacy";
  static final ObjectMapper JSON = new ObjectMapper();
  static final TestClock clock = new TestClock(Instant.parse("2026-03-05T21:07:08Z").toEpochMilli());
  /** Started by the extension's start (its endpoint map needs the URL), stopped after all. */
  static OpenSearchNode node;

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension(o -> {
    node = OpenSearchNode.start();
    String url = node.uri().toString();
    return o.withClock(clock).withS3(new RivuletServer.Options.S3(0, null))
        .withFirehose(o.firehose().withEndpoints(o.firehose().endpoints()
            .withEndpointMap(Map.of(CLUSTER, url, DOMAIN, url))));
  });

  @AfterAll
  static void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  static S3DestinationConfiguration errorBucket(String bucket) {
    return S3DestinationConfiguration.builder().roleARN(ROLE).bucketARN("arn:aws:s3:::" + bucket)
        .build();
  }

  /** Puts the records; returns their record ids, in order. */
  static List<String> put(FirehoseClient firehose, String stream, String... data) {
    List<Record> records = new ArrayList<>();
    for (String d : data) {
      records.add(Record.builder().data(SdkBytes.fromUtf8String(d)).build());
    }
    List<PutRecordBatchResponseEntry> answer = firehose.putRecordBatch(
        b -> b.deliveryStreamName(stream).records(records)).requestResponses();
    return answer.stream().map(PutRecordBatchResponseEntry::recordId).toList();
  }

  static String day(Instant t) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC).format(t);
  }

  /** {@code _id} to {@code _source} of every document of the index, once it holds {@code n}. */
  static Map<String, String> documents(String index, int n) {
    FirehoseSdk.await(() -> node.count(index) == n, n + " documents in " + index);
    Map<String, String> out = new HashMap<>();
    for (JsonNode hit : node.search(index, "{\"query\":{\"match_all\":{}}}")) {
      out.put(hit.path("_id").asText(), hit.path("_source").toString());
    }
    return out;
  }

  /** The error output's lines under {@code prefix}, parsed. */
  static List<JsonNode> errorLines(S3Client s3, String bucket, String prefix) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (S3Object o : awaitObjects(s3, bucket, prefix, 1)) {
      for (String line : FirehoseSdk.text(s3, bucket, o.key()).strip().split("\n")) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void documentsAreIndexedDailyWithTheirRecordIdsAndAMalformedRecordGoesToS3() throws Exception {
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("logs-failed"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("logs-to-opensearch")
          .amazonopensearchserviceDestinationConfiguration(
              AmazonopensearchserviceDestinationConfiguration.builder().roleARN(ROLE)
                  .clusterEndpoint(CLUSTER).indexName("logs")
                  .indexRotationPeriod(AmazonopensearchserviceIndexRotationPeriod.ONE_DAY)
                  .bufferingHints(h -> h.intervalInSeconds(60).sizeInMBs(1))
                  .retryOptions(r -> r.durationInSeconds(0))
                  .s3Configuration(errorBucket("logs-failed")).build()));
      String firstDay = "logs-" + day(clock.instant());
      List<String> ids = put(firehose, "logs-to-opensearch",
          "{\"level\":\"info\",\"msg\":\"started\"}", "not json",
          "{\"level\":\"warn\",\"msg\":\"slow\"}");
      clock.advance(Duration.ofSeconds(60));
      assertThat(documents(firstDay, 2)).containsExactlyInAnyOrderEntriesOf(Map.of(
          ids.get(0), "{\"level\":\"info\",\"msg\":\"started\"}",
          ids.get(2), "{\"level\":\"warn\",\"msg\":\"slow\"}"));

      JsonNode failed = errorLines(s3, "logs-failed", "opensearch-failed/").get(0);
      assertThat(failed.path("errorCode").asText()).isEqualTo("OS.MalformedData");
      assertThat(failed.path("rawData").asText()).isEqualTo(base64("not json"));
      assertThat(failed.path("esDocumentId").asText()).isEqualTo(ids.get(1));
      assertThat(failed.path("esIndexName").asText()).isEqualTo(firstDay);

      Instant midnight = clock.instant().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
      clock.advance(Duration.between(clock.instant(), midnight));
      String nextDay = "logs-" + day(clock.instant());
      assertThat(nextDay).isNotEqualTo(firstDay);
      List<String> later = put(firehose, "logs-to-opensearch", "{\"level\":\"info\",\"msg\":\"day 2\"}");
      clock.advance(Duration.ofSeconds(60));
      assertThat(documents(nextDay, 1)).containsOnlyKeys(later.get(0));
      assertThat(node.count(firstDay)).isEqualTo(2);
      FirehoseSdk.await(() -> FirehoseSdk.deliveredRecords(rivulet, "logs-to-opensearch",
          "AmazonOpenSearchService") == 3, "3 documents counted as delivered");
      assertThat(FirehoseSdk.failedRecords(rivulet, "logs-to-opensearch", "AmazonOpenSearchService"))
          .isEqualTo(1);
    }
    rivulet.firehose().deleteDeliveryStream(b -> b.deliveryStreamName("logs-to-opensearch"));
  }

  @Test
  void anElasticsearchDomainArnIsReachedThroughTheEndpointMap() throws Exception {
    try (S3Client s3 = FirehoseSdk.embeddedS3(rivulet)) {
      s3.createBucket(b -> b.bucket("legacy-failed"));
      FirehoseClient firehose = rivulet.firehose();
      firehose.createDeliveryStream(b -> b.deliveryStreamName("to-elasticsearch")
          .elasticsearchDestinationConfiguration(ElasticsearchDestinationConfiguration.builder()
              .roleARN(ROLE).domainARN(DOMAIN).indexName("legacy")
              .indexRotationPeriod(ElasticsearchIndexRotationPeriod.NO_ROTATION)
              .bufferingHints(h -> h.intervalInSeconds(60).sizeInMBs(1))
              .retryOptions(r -> r.durationInSeconds(0))
              .s3Configuration(errorBucket("legacy-failed")).build()));
      List<String> ids = put(firehose, "to-elasticsearch", "{\"n\":1}", "[1,2]", "{\"n\":2}");
      clock.advance(Duration.ofSeconds(60));
      assertThat(documents("legacy", 2)).containsExactlyInAnyOrderEntriesOf(Map.of(
          ids.get(0), "{\"n\":1}", ids.get(2), "{\"n\":2}"));
      JsonNode failed = errorLines(s3, "legacy-failed", "elasticsearch-failed/").get(0);
      assertThat(failed.path("errorCode").asText()).isEqualTo("ES.MalformedData");
      assertThat(failed.path("rawData").asText()).isEqualTo(base64("[1,2]"));
    }
    rivulet.firehose().deleteDeliveryStream(b -> b.deliveryStreamName("to-elasticsearch"));
  }
}
