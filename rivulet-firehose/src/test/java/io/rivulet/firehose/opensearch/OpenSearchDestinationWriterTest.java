package io.rivulet.firehose.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.FirehoseRecord;
import io.rivulet.firehose.pipeline.RecordingDeliveryContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenSearch destination against a real OpenSearch 2.19 node (one per class, in a child JVM):
 * documents searchable, rotated index names, ids that make redelivery idempotent, failures of
 * whole records, of single items and of the whole cluster, each retried or not as Firehose does,
 * on a clock that moves only when the writer waits.
 */
class OpenSearchDestinationWriterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = Instant.parse("2016-02-25T13:00:00Z").toEpochMilli();
  private static OpenSearchNode node;

  @BeforeAll
  static void startNode() {
    node = OpenSearchNode.start();
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  private static Map<String, Object> config(String index) {
    Map<String, Object> c = new HashMap<>(OpenSearchConfigTest.domainConfig());
    c.put("ClusterEndpoint", node.uri().toString());
    c.put("IndexName", index);
    c.put("IndexRotationPeriod", "NoRotation");
    return c;
  }

  private static FirehoseRecord record(String id, long arrival, String json) {
    return new FirehoseRecord(id, arrival, json.getBytes(StandardCharsets.UTF_8));
  }

  private static DeliveryBatch batch(FirehoseRecord... records) {
    return new DeliveryBatch("stream", "arn:aws:firehose:us-east-1:000000000000:deliverystream/s",
        0, records.length - 1, List.of(records));
  }

  private static List<JsonNode> lines(RecordingDeliveryContext ctx) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (byte[] line : ctx.errorLines()) {
      assertThat(new String(line, StandardCharsets.UTF_8)).doesNotContain("\n");
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  void indexesSearchableDocumentsWithRecordIds() throws Exception {
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(config("plain"), ctx)) {
      w.deliver(batch(record("r0", T0, "{\"user\":\"ada\",\"n\":1}"),
          record("r1", T0, "{\"user\":\"bob\",\"n\":2}\n"),
          record("r2", T0, "{\n  \"user\": \"cyd\",\n  \"n\": 3\n}")));
    }
    assertThat(node.count("plain")).isEqualTo(3);
    JsonNode hits = node.search("plain", "{\"query\":{\"match\":{\"user\":\"cyd\"}}}");
    assertThat(hits).hasSize(1);
    assertThat(hits.get(0).path("_id").asText()).isEqualTo("r2");
    assertThat(hits.get(0).path("_source").path("n").asInt()).isEqualTo(3);
    assertThat(ctx.deliveredRecords()).containsEntry("AmazonOpenSearchService", 3L);
    assertThat(ctx.errorOutputs).isEmpty();
    assertThat(ctx.sleeps).isEmpty();
    assertThat(ctx.backups).isEmpty();
  }

  @Test
  void rotatesIndicesByArrivalTime() throws Exception {
    long nextWeek = T0 + Duration.ofDays(7).toMillis() + Duration.ofHours(2).toMillis();
    for (String period : List.of("OneHour", "OneDay", "OneWeek", "OneMonth")) {
      Map<String, Object> c = config("rot-" + period.toLowerCase());
      c.put("IndexRotationPeriod", period);
      try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(c,
          new RecordingDeliveryContext(T0))) {
        w.deliver(batch(record("a", T0, "{\"x\":1}"), record("b", nextWeek, "{\"x\":2}")));
      }
    }
    assertThat(node.indices("rot-*")).containsExactly(
        "rot-oneday-2016-02-25", "rot-oneday-2016-03-03",
        "rot-onehour-2016-02-25-13", "rot-onehour-2016-03-03-15",
        "rot-onemonth-2016-02", "rot-onemonth-2016-03",
        "rot-oneweek-2016-w09", "rot-oneweek-2016-w10");
    assertThat(node.count("rot-onemonth-2016-02")).isEqualTo(1);
  }

  @Test
  void redeliveryOverwritesWithFirehoseDefaultIdsAndDuplicatesWithout() throws Exception {
    DeliveryBatch b = batch(record("49546986683135544286507457936321625675700192471156785154",
        T0, "{\"v\":1}"), record("49546986683135544286507457936321625675700192471156785155", T0,
        "{\"v\":2}"), record("49546986683135544286507457936321625675700192471156785155", T0,
        "{\"v\":3}"));
    Map<String, Object> ids = config("ids-default");
    ids.put("DocumentIdOptions", Map.of("DefaultDocumentIdFormat", "FIREHOSE_DEFAULT"));
    Map<String, Object> none = config("ids-none");
    none.put("DocumentIdOptions", Map.of("DefaultDocumentIdFormat", "NO_DOCUMENT_ID"));
    for (int delivery = 0; delivery < 2; delivery++) {
      try (OpenSearchDestinationWriter a = new OpenSearchDestinationWriter(ids,
          new RecordingDeliveryContext(T0));
          OpenSearchDestinationWriter n = new OpenSearchDestinationWriter(none,
              new RecordingDeliveryContext(T0))) {
        a.deliver(b);
        n.deliver(b);
      }
    }
    assertThat(node.count("ids-default")).isEqualTo(3);
    assertThat(node.search("ids-default", "{\"query\":{\"match_all\":{}}}"))
        .extracting(h -> h.path("_id").asText()).containsExactlyInAnyOrder(
            "49546986683135544286507457936321625675700192471156785154",
            "49546986683135544286507457936321625675700192471156785155",
            "49546986683135544286507457936321625675700192471156785155-1");
    assertThat(node.count("ids-none")).isEqualTo(6);
  }

  @Test
  void recordsThatAreNotOneJsonObjectGoToTheErrorOutputUnsent() throws Exception {
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(config("malformed"),
        ctx)) {
      w.deliver(batch(record("ok", T0, "{\"fine\":true}"), record("text", T0, "not json"),
          record("array", T0, "[1,2]"), record("two", T0, "{\"a\":1}\n{\"b\":2}"),
          record("cut", T0 + 5, "{\"a\":")));
    }
    assertThat(node.count("malformed")).isEqualTo(1);
    assertThat(ctx.errorOutputs).hasSize(1);
    assertThat(ctx.errorOutputs.get(0).outputType()).isEqualTo("opensearch-failed");
    List<JsonNode> lines = lines(ctx);
    assertThat(lines).extracting(l -> l.path("esDocumentId").asText())
        .containsExactly("text", "array", "two", "cut");
    JsonNode cut = lines.get(3);
    assertThat(cut.path("errorCode").asText()).isEqualTo("OS.MalformedData");
    assertThat(cut.path("arrivalTimestamp").asLong()).isEqualTo(T0 + 5);
    assertThat(new String(Base64.getDecoder().decode(cut.path("rawData").asText()),
        StandardCharsets.UTF_8)).isEqualTo("{\"a\":");
    assertThat(cut.path("esIndexName").asText()).isEqualTo("malformed");
    assertThat(cut.path("esTypeName").asText()).isEmpty();
    assertThat(cut.path("subsequenceNumber").asInt()).isZero();
    assertThat(ctx.sleeps).isEmpty();
    assertThat(ctx.failedRecords()).containsEntry("AmazonOpenSearchService", 4L);
    assertThat(ctx.deliveredRecords()).containsEntry("AmazonOpenSearchService", 1L);
  }

  @Test
  void aMappingConflictFailsThatDocumentAtOnceAndTheRestAreIndexed() throws Exception {
    node.request("PUT", "/typed", "{\"mappings\":{\"properties\":{\"n\":{\"type\":\"integer\"}}}}");
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(config("typed"), ctx)) {
      w.deliver(batch(record("good", T0, "{\"n\":7}"), record("bad", T0, "{\"n\":\"seven\"}")));
    }
    assertThat(node.count("typed")).isEqualTo(1);
    assertThat(ctx.sleeps).isEmpty();
    List<JsonNode> lines = lines(ctx);
    assertThat(lines).hasSize(1);
    JsonNode bad = lines.get(0);
    assertThat(bad.path("errorCode").asText()).isEqualTo("400");
    assertThat(bad.path("errorMessage").asText()).contains("mapper_parsing_exception");
    assertThat(bad.path("attemptsMade").asInt()).isEqualTo(1);
    assertThat(bad.path("esDocumentId").asText()).isEqualTo("bad");
    assertThat(bad.path("attemptEndingTimestamp").asLong()).isEqualTo(T0);
  }

  @Test
  void aBlockedIndexIsRetriedWithBackOffUntilItTakesWrites() throws Exception {
    node.request("PUT", "/blocked", "{}");
    node.request("PUT", "/blocked/_settings",
        "{\"index.blocks.read_only_allow_delete\":true}");
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    ctx.onSleep(n -> {
      if (n == 3) {
        node.request("PUT", "/blocked/_settings",
            "{\"index.blocks.read_only_allow_delete\":null}");
      }
    });
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(config("blocked"), ctx)) {
      w.deliver(batch(record("a", T0, "{\"x\":1}"), record("b", T0, "{\"x\":2}")));
    }
    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4));
    assertThat(ctx.errorOutputs).isEmpty();
    assertThat(node.count("blocked")).isEqualTo(2);
  }

  @Test
  void aBlockedIndexPastTheRetryDurationGoesToTheErrorOutput() throws Exception {
    node.request("PUT", "/stuck", "{}");
    node.request("PUT", "/stuck/_settings", "{\"index.blocks.read_only_allow_delete\":true}");
    Map<String, Object> c = config("stuck");
    c.put("RetryOptions", Map.of("DurationInSeconds", 10));
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(c, ctx)) {
      w.deliver(batch(record("a", T0, "{\"x\":1}")));
    }
    node.request("PUT", "/stuck/_settings", "{\"index.blocks.read_only_allow_delete\":null}");
    // 1 + 2 + 4 = 7 s, then the last 3 s: the fifth attempt ends the 10 s
    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(3));
    JsonNode line = lines(ctx).get(0);
    assertThat(line.path("errorCode").asText()).isEqualTo("429");
    assertThat(line.path("errorMessage").asText()).contains("cluster_block_exception");
    assertThat(line.path("attemptsMade").asInt()).isEqualTo(5);
    assertThat(line.path("attemptEndingTimestamp").asLong()).isEqualTo(T0 + 10_000);
    assertThat(node.count("stuck")).isZero();
  }

  @Test
  void aNodeThatIsDownIsRetriedThenTheDocumentsGoToTheErrorOutput() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    Map<String, Object> c = config("down");
    c.put("ClusterEndpoint", "https://search-down.us-east-1.es.amazonaws.com");
    c.put("RetryOptions", Map.of("DurationInSeconds", 60));
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(
        OpenSearchFlavor.ELASTICSEARCH, c, ctx,
        Map.of("https://search-down.us-east-1.es.amazonaws.com", "http://127.0.0.1:" + deadPort))) {
      w.deliver(batch(record("a", T0, "{\"x\":1}"), record("b", T0, "{\"x\":2}")));
    }
    assertThat(ctx.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2),
        Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16),
        Duration.ofSeconds(29));
    assertThat(ctx.errorOutputs.get(0).outputType()).isEqualTo("elasticsearch-failed");
    List<JsonNode> lines = lines(ctx);
    assertThat(lines).hasSize(2);
    assertThat(lines).allSatisfy(l -> {
      assertThat(l.path("errorCode").asText()).isEqualTo("ES.ConnectionFailed");
      assertThat(l.path("attemptsMade").asInt()).isEqualTo(7);
      assertThat(l.path("attemptEndingTimestamp").asLong()).isEqualTo(T0 + 60_000);
    });
    assertThat(ctx.failedRecords()).containsEntry("Elasticsearch", 2L);
    assertThat(ctx.deliveredRecords()).isEmpty();
  }

  @Test
  void aNodeThatComesBackWithinTheRetryDurationGetsEverything() throws Exception {
    node.request("DELETE", "/*", null); // the other tests' indices: a restart recovers them all
    Map<String, Object> c = config("comeback");
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    ctx.onSleep(n -> {
      if (n == 2) {
        node.restart();
      }
    });
    node.stop();
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(c, ctx)) {
      w.deliver(batch(record("a", T0, "{\"x\":1}"), record("b", T0, "{\"x\":2}")));
    } finally {
      if (ctx.sleeps.size() < 2) {
        node.restart();
      }
    }
    assertThat(ctx.sleeps).hasSize(2);
    assertThat(ctx.errorOutputs).isEmpty();
    assertThat(node.count("comeback")).isEqualTo(2);
  }

  @Test
  void aDomainArnIsReachedThroughTheEndpointMapOnly() throws Exception {
    Map<String, Object> c = config("byarn");
    c.remove("ClusterEndpoint");
    c.put("DomainARN", "arn:aws:es:us-east-1:000000000000:domain/byarn");
    RecordingDeliveryContext mapped = new RecordingDeliveryContext(T0);
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(
        OpenSearchFlavor.OPENSEARCH_SERVICE, c, mapped,
        Map.of("arn:aws:es:us-east-1:000000000000:domain/byarn", node.uri().toString()))) {
      w.deliver(batch(record("a", T0, "{\"x\":1}")));
    }
    assertThat(node.count("byarn")).isEqualTo(1);
    RecordingDeliveryContext unmapped = new RecordingDeliveryContext(T0);
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(c, unmapped)) {
      w.deliver(batch(record("b", T0, "{\"x\":2}")));
    }
    assertThat(lines(unmapped)).singleElement().satisfies(l ->
        assertThat(l.path("errorCode").asText()).isEqualTo("OS.ResourceNotFound"));
    assertThat(unmapped.sleeps).isEmpty();
  }

  @Test
  void allDocumentsBacksUpEveryBatchAndATypeNameIsLeftOutForOpenSearch() throws Exception {
    Map<String, Object> c = config("backedup");
    c.put("S3BackupMode", "AllDocuments");
    c.put("TypeName", "_doc");
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    DeliveryBatch b = batch(record("a", T0, "{\"x\":1}"), record("b", T0, "oops"));
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(c, ctx)) {
      w.deliver(b);
    }
    assertThat(ctx.backups).containsExactly(b);
    assertThat(node.count("backedup")).isEqualTo(1);
    assertThat(lines(ctx)).singleElement().satisfies(l ->
        assertThat(l.path("esTypeName").asText()).isEqualTo("_doc"));
  }
  @Test
  void aBatchLargerThanOneBulkBodyIsSentInSeveralRequests() throws Exception {
    String pad = "x".repeat(1024 * 1024);
    List<FirehoseRecord> records = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      records.add(record("big" + i, T0, "{\"i\":" + i + ",\"pad\":\"" + pad + "\"}"));
    }
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(config("big"), ctx)) {
      w.deliver(batch(records.toArray(FirehoseRecord[]::new)));
    }
    assertThat(12L * pad.length()).isGreaterThan(BulkClient.MAX_BODY_BYTES);
    assertThat(node.count("big")).isEqualTo(12);
    assertThat(node.search("big", "{\"query\":{\"term\":{\"i\":11}},\"_source\":false}"))
        .extracting(h -> h.path("_id").asText()).containsExactly("big11");
    assertThat(ctx.errorOutputs).isEmpty();
  }

  @Test
  void serverlessCollectionsGetNoRotationAndClusterMadeIds() throws Exception {
    Map<String, Object> c = new HashMap<>(OpenSearchConfigTest.domainConfig());
    c.remove("ClusterEndpoint");
    c.put("CollectionEndpoint", node.uri().toString());
    c.put("IndexName", "collection");
    RecordingDeliveryContext ctx = new RecordingDeliveryContext(T0);
    try (OpenSearchDestinationWriter w = new OpenSearchDestinationWriter(c, ctx)) {
      w.deliver(batch(record("a", T0, "{\"x\":1}"), record("b", T0, "{\"x\":2}")));
    }
    assertThat(node.indices("collection*")).containsExactly("collection");
    assertThat(node.search("collection", "{\"query\":{\"match_all\":{}}}"))
        .extracting(h -> h.path("_id").asText()).doesNotContain("a", "b").hasSize(2);
    assertThat(ctx.deliveredRecords()).containsEntry("AmazonOpenSearchServerless", 2L);
  }
}
