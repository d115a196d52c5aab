package io.rivulet.it.fuzz;

import io.rivulet.protocol.JsonRpcCodec;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.WireFormat;
import io.rivulet.protocol.eventstream.EventStreamEncoder;
import io.rivulet.testkit.Clients;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardFilterType;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Writes the fuzz corpora's SDK-made seeds (docs/SECURITY.md, "Fuzzing"): the request bodies the
 * AWS SDK v2 clients marshal for Kinesis (CBOR and JSON), DynamoDB and CloudWatch (rpc-v2-cbor),
 * captured before they are sent (nothing listens), and event-stream frames made by the SDK's
 * event-stream library and by Rivulet's encoder. Not part of the test command:
 * {@code ./rivulet test -pl rivulet-testkit -am -Dtest=FuzzCorpusCapture -Dsurefire.failIfNoSpecifiedTests=false
 * -Drivulet.fuzz.capture=$PWD} (the repository root) rewrites the {@code sdk-*} entries.
 */
class FuzzCorpusCapture {
  private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
  private static final String PROTOCOL = "rivulet-protocol/src/test/resources/io/rivulet/protocol/";

  /** Keeps the body (and target) of each request and stops it before it is sent. */
  static final class Capture implements ExecutionInterceptor {
    final List<Map.Entry<String, byte[]>> bodies = new ArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String target = context.httpRequest().firstMatchingHeader("X-Amz-Target")
          .orElse(context.httpRequest().encodedPath());
      String operation = target.substring(Math.max(target.lastIndexOf('.'), target.lastIndexOf('/')) + 1);
      try (InputStream in = context.requestBody().orElseThrow().contentStreamProvider().newStream()) {
        bodies.add(Map.entry(operation, in.readAllBytes()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new Captured();
    }
  }

  /** Ends a captured call. */
  static final class Captured extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  private static void call(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      // the interceptor stopped it, as intended
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "rivulet.fuzz.capture", matches = ".+")
  void capture() throws IOException {
    Path root = Path.of(System.getProperty("rivulet.fuzz.capture"));
    ServiceModel kinesisModel = ServiceModel.fromFile(
        root.resolve("rivulet-streams/src/main/resources/io/rivulet/streams/kinesis-2013-12-02.shapes.json"));
    ServiceModel dynamoModel = ServiceModel.fromFile(
        root.resolve("rivulet-dynamodb/src/main/resources/io/rivulet/dynamodb/dynamodb-2012-08-10.shapes.json"));
    for (boolean cbor : new boolean[] {true, false}) {
      Capture c = new Capture();
      String old = System.getProperty("aws.cborEnabled");
      System.setProperty("aws.cborEnabled", Boolean.toString(cbor));
      try (KinesisClient k = KinesisClient.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1)
          .credentialsProvider(credentials()).overrideConfiguration(o -> o.addExecutionInterceptor(c)).build()) {
        kinesisCalls(k);
      } finally {
        if (old == null) {
          System.clearProperty("aws.cborEnabled");
        } else {
          System.setProperty("aws.cborEnabled", old);
        }
      }
      write(root.resolve(PROTOCOL + "CodecFuzzTestInputs/kinesis"), kinesisModel, cbor, c.bodies);
    }
    Capture d = new Capture();
    try (DynamoDbClient ddb = DynamoDbClient.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1)
        .credentialsProvider(credentials()).overrideConfiguration(o -> o.addExecutionInterceptor(d)).build()) {
      dynamoCalls(ddb);
    }
    write(root.resolve(PROTOCOL + "CodecFuzzTestInputs/dynamodb"), dynamoModel, false, d.bodies);
    Capture w = new Capture();
    try (CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(NOWHERE).region(Region.US_EAST_1)
        .credentialsProvider(credentials()).overrideConfiguration(o -> o.addExecutionInterceptor(w)).build()) {
      call(() -> cw.putMetricData(b -> b.namespace("my-app").metricData(
          MetricDatum.builder().metricName("RecordsProcessed").timestamp(Instant.ofEpochMilli(1_700_000_000_123L))
              .unit("Count").dimensions(Dimension.builder().name("ShardId").value("shardId-000000000001").build())
              .statisticValues(s -> s.sampleCount(3.0).sum(42.0).minimum(10.0).maximum(20.0)).build(),
          MetricDatum.builder().metricName("Time").value(12.5).unit("Milliseconds").build(),
          MetricDatum.builder().metricName("Latency").values(1.0, 2.5).counts(3.0, 1.0).build())));
    }
    Path cloudwatch = root.resolve("rivulet-cloudwatch/src/test/resources/io/rivulet/cloudwatch/CloudWatchFuzzTestInputs/rpcV2Cbor");
    Files.createDirectories(cloudwatch);
    Files.write(cloudwatch.resolve("sdk-PutMetricData"), w.bodies.get(0).getValue());
    writeEventStreams(root.resolve(PROTOCOL + "eventstream/EventStreamFuzzTestInputs/decode"));
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(Clients.ACCESS_KEY, Clients.SECRET_KEY));
  }

  /** Corpus entries of CodecFuzzTest: byte 0 = operation index (in name order) * 2 + CBOR bit. */
  private static void write(Path dir, ServiceModel model, boolean cbor, List<Map.Entry<String, byte[]>> bodies)
      throws IOException {
    Files.createDirectories(dir);
    List<String> operations = new ArrayList<>(model.operationNames());
    operations.sort(null);
    for (Map.Entry<String, byte[]> b : bodies) {
      int index = operations.indexOf(b.getKey());
      if (index < 0 || index > 127) {
        throw new IllegalStateException("operation " + b.getKey() + " cannot be addressed");
      }
      ByteBuffer entry = ByteBuffer.allocate(1 + b.getValue().length);
      entry.put((byte) (index * 2 + (cbor ? 1 : 0))).put(b.getValue());
      Files.write(dir.resolve("sdk-" + (cbor ? "cbor-" : "json-") + b.getKey()), entry.array());
    }
  }

  private static void kinesisCalls(KinesisClient k) {
    String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";
    SdkBytes data = SdkBytes.fromUtf8String("{\"order\":1}");
    List<Consumer<KinesisClient>> calls = List.of(
        c -> c.putRecord(b -> b.streamName("orders").partitionKey("k1").data(data).sequenceNumberForOrdering("1")),
        c -> c.putRecords(b -> b.streamARN(arn).records(
            PutRecordsRequestEntry.builder().partitionKey("a").data(data).build(),
            PutRecordsRequestEntry.builder().partitionKey("b").explicitHashKey("170141183460469231731687303715884105728")
                .data(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255})).build())),
        c -> c.createStream(b -> b.streamName("orders").shardCount(2).streamModeDetails(m -> m.streamMode(StreamMode.PROVISIONED))
            .tags(Map.of("team", "data"))),
        c -> c.getShardIterator(b -> b.streamName("orders").shardId("shardId-000000000000")
            .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.ofEpochMilli(1_700_000_000_123L))),
        c -> c.getRecords(b -> b.shardIterator("AAAAAAAAAAFGKc1Kq4bWuA==").limit(100)),
        c -> c.listShards(b -> b.streamName("orders").maxResults(10).shardFilter(f -> f.type(ShardFilterType.AT_TIMESTAMP)
            .timestamp(Instant.ofEpochSecond(1_700_000_000L)))),
        c -> c.addTagsToStream(b -> b.streamName("orders").tags(Map.of("a", "1", "b", "")).streamARN(arn)),
        c -> c.splitShard(b -> b.streamName("orders").shardToSplit("shardId-000000000000")
            .newStartingHashKey("85070591730234615865843651857942052864")),
        c -> c.registerStreamConsumer(b -> b.streamARN(arn).consumerName("app").tags(Map.of("t", "v"))),
        c -> c.putResourcePolicy(b -> b.resourceARN(arn).policy("{\"Version\":\"2012-10-17\",\"Statement\":[]}")),
        c -> c.enableEnhancedMonitoring(b -> b.streamName("orders").shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.ALL)),
        c -> c.listStreamConsumers(b -> b.streamARN(arn).streamCreationTimestamp(Instant.ofEpochMilli(1_700_000_000_500L))),
        c -> c.deleteStream(b -> b.streamName("orders").enforceConsumerDeletion(true)),
        c -> c.updateShardCount(b -> b.streamName("orders").targetShardCount(4).scalingType("UNIFORM_SCALING")),
        c -> c.describeStream(b -> b.streamName("orders").limit(10).exclusiveStartShardId("shardId-000000000001")));
    for (Consumer<KinesisClient> call : calls) {
      call(() -> call.accept(k));
    }
  }

  @SuppressWarnings("unchecked") // the SDK builders' Consumer... varargs
  private static void dynamoCalls(DynamoDbClient d) {
    Map<String, AttributeValue> item = new LinkedHashMap<>();
    item.put("leaseKey", AttributeValue.fromS("shardId-000000000001"));
    item.put("checkpoint", AttributeValue.fromN("49590338271490256608559692538361571095921575989136588898"));
    item.put("owners", AttributeValue.fromSs(List.of("w1", "w2")));
    item.put("counts", AttributeValue.fromNs(List.of("1", "-2.5", "1E+3")));
    item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));
    item.put("blobs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))));
    item.put("done", AttributeValue.fromBool(true));
    item.put("none", AttributeValue.fromNul(true));
    item.put("nested", AttributeValue.fromM(Map.of("l", AttributeValue.fromL(List.of(AttributeValue.fromS("a"),
        AttributeValue.fromM(Map.of("deep", AttributeValue.fromN("7"))))))));
    Map<String, String> names = Map.of("#pk", "leaseKey", "#c", "checkpoint", "#o", "owners");
    Map<String, AttributeValue> values = Map.of(":c", AttributeValue.fromN("5"), ":w", AttributeValue.fromSs(List.of("w3")),
        ":l", AttributeValue.fromL(List.of(AttributeValue.fromS("z"))));
    List<Consumer<DynamoDbClient>> calls = List.of(
        c -> c.putItem(b -> b.tableName("leases").item(item).conditionExpression("attribute_not_exists(#pk)")
            .expressionAttributeNames(Map.of("#pk", "leaseKey"))),
        c -> c.updateItem(b -> b.tableName("leases").key(Map.of("leaseKey", AttributeValue.fromS("k")))
            .updateExpression("SET #c = #c + :c, nested.l[1].deep = if_not_exists(nested.l[1].deep, :c), lst = list_append(lst, :l) "
                + "REMOVE gone ADD #o :w DELETE other :w")
            .conditionExpression("attribute_exists(#pk) AND (#c BETWEEN :c AND :c OR size(#o) > :c) AND NOT contains(#o, :w)")
            .expressionAttributeNames(names).expressionAttributeValues(values).returnValues("ALL_NEW")),
        c -> c.query(b -> b.tableName("leases").indexName("byOwner").keyConditionExpression("#pk = :c AND begins_with(sk, :c)")
            .filterExpression("#o IN (:w, :c)").projectionExpression("#pk, nested.l[0], #c")
            .expressionAttributeNames(names).expressionAttributeValues(values).limit(10).scanIndexForward(false)),
        c -> c.createTable(b -> b.tableName("leases").billingMode("PAY_PER_REQUEST")
            .attributeDefinitions(a -> a.attributeName("leaseKey").attributeType(ScalarAttributeType.S),
                a -> a.attributeName("owner").attributeType(ScalarAttributeType.S))
            .keySchema(k -> k.attributeName("leaseKey").keyType(KeyType.HASH))
            .globalSecondaryIndexes(g -> g.indexName("byOwner").keySchema(k -> k.attributeName("owner").keyType(KeyType.HASH))
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))),
        c -> c.transactWriteItems(b -> b.transactItems(t -> t.put(p -> p.tableName("leases").item(item)),
            t -> t.conditionCheck(k -> k.tableName("leases").key(Map.of("leaseKey", AttributeValue.fromS("k")))
                .conditionExpression("#c < :c").expressionAttributeNames(names).expressionAttributeValues(values)))),
        c -> c.batchWriteItem(b -> b.requestItems(Map.of("leases", List.of(
            software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder().putRequest(p -> p.item(item)).build())))),
        c -> c.scan(b -> b.tableName("leases").segment(1).totalSegments(4).filterExpression("attribute_type(#c, :c)")
            .expressionAttributeNames(names).expressionAttributeValues(values)),
        c -> c.deleteItem(b -> b.tableName("leases").key(Map.of("leaseKey", AttributeValue.fromS("k")))
            .expected(Map.of("owner", software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue.builder()
                .value(AttributeValue.fromS("w1")).build()))));
    for (Consumer<DynamoDbClient> call : calls) {
      call(() -> call.accept(d));
    }
  }

  private static void writeEventStreams(Path dir) throws IOException {
    Files.createDirectories(dir);
    Map<String, HeaderValue> all = new LinkedHashMap<>();
    all.put(":message-type", HeaderValue.fromString("event"));
    all.put("t", HeaderValue.fromBoolean(true));
    all.put("f", HeaderValue.fromBoolean(false));
    all.put("byte", HeaderValue.fromByte((byte) -3));
    all.put("short", HeaderValue.fromShort((short) 300));
    all.put("int", HeaderValue.fromInteger(70_000));
    all.put("long", HeaderValue.fromLong(1L << 40));
    all.put("bytes", HeaderValue.fromByteArray(new byte[] {1, 2, 3}));
    all.put("when", HeaderValue.fromTimestamp(Instant.ofEpochMilli(1_700_000_000_123L)));
    all.put("id", HeaderValue.fromUuid(UUID.fromString("123e4567-e89b-12d3-a456-426614174000")));
    Files.write(dir.resolve("sdk-every-header-type"), bytes(new Message(all, "payload".getBytes(StandardCharsets.UTF_8))));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(":event-type", "SubscribeToShardEvent");
    headers.put(":content-type", WireFormat.CBOR_1_1.contentType());
    headers.put(":message-type", "event");
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("ContinuationSequenceNumber", "49590338271490256608559692538361571095921575989136588898");
    event.put("MillisBehindLatest", 0L);
    event.put("Records", List.of(Map.of("Data", new byte[] {104, 105}, "PartitionKey", "k1",
        "SequenceNumber", "49590338271490256608559692538361571095921575989136588898",
        "ApproximateArrivalTimestamp", Instant.ofEpochMilli(1_700_000_000_123L))));
    ByteBuffer rivulet = EventStreamEncoder.encode(headers, JsonRpcCodec.encode(event, WireFormat.CBOR_1_1));
    Files.write(dir.resolve("rivulet-subscribe-to-shard-event"), bytes(rivulet));
    Map<String, HeaderValue> error = Map.of(":message-type", HeaderValue.fromString("exception"),
        ":exception-type", HeaderValue.fromString("ResourceNotFoundException"));
    byte[] one = bytes(new Message(error, "{\"message\":\"gone\"}".getBytes(StandardCharsets.UTF_8)));
    byte[] two = bytes(new Message(Map.of(":message-type", HeaderValue.fromString("event")), new byte[0]));
    Files.write(dir.resolve("sdk-two-messages-and-a-partial-one"), concat(one, two, java.util.Arrays.copyOf(one, 20)));
  }

  private static byte[] bytes(Message m) {
    return bytes(m.toByteBuffer());
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer out = ByteBuffer.allocate(java.util.Arrays.stream(parts).mapToInt(p -> p.length).sum());
    for (byte[] p : parts) {
      out.put(p);
    }
    return out.array();
  }
}
