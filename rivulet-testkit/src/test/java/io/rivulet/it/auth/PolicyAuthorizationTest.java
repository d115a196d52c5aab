package io.rivulet.it.auth;

import static io.rivulet.it.auth.AuthFixtures.ACCOUNT_A;
import static io.rivulet.it.auth.AuthFixtures.ADMIN;
import static io.rivulet.it.auth.AuthFixtures.LEASES;
import static io.rivulet.it.auth.AuthFixtures.OTHER;
import static io.rivulet.it.auth.AuthFixtures.READER;
import static io.rivulet.it.auth.AuthFixtures.TLS_ONLY;
import static io.rivulet.it.auth.AuthFixtures.WRITER;
import static io.rivulet.it.auth.AuthFixtures.provider;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.TestClock;
import io.rivulet.testkit.WireMode;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardEvent;
import software.amazon.awssdk.services.kinesis.model.SubscribeToShardResponseHandler;

/**
 * Authorisation with {@code --auth}, through the SDK clients: IAM-style identity policies
 * (allowed, denied by default, an explicit deny overriding an allow, wildcard actions and ARNs,
 * the {@code aws:SecureTransport} condition over HTTPS, SubscribeToShard on the consumer ARN), Kinesis resource policies granting and
 * denying another account by ARN, DynamoDB table policies and CloudWatch's action; every denial
 * is AWS's {@code AccessDeniedException} with AWS's message.
 */
class PolicyAuthorizationTest {
  static final TestClock clock = new TestClock();
  static final String ARN = "arn:aws:kinesis:us-east-1:" + ACCOUNT_A + ":stream/";

  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(o -> o.withClock(clock)
      .withTls(new RivuletServer.Options.Tls(0, null, null)))
      .withCredentials(AuthFixtures.credentialsJson(Instant.ofEpochMilli(clock.millis())));

  private final List<AutoCloseable> clients = new ArrayList<>();

  @BeforeAll
  static void streams() {
    try (KinesisClient admin = AuthFixtures.kinesis(rivulet.endpoint(), WireMode.JSON, provider(ADMIN))) {
      for (String name : List.of("app-orders", "orders", "protected-1", "shared")) {
        admin.createStream(r -> r.streamName(name).shardCount(name.equals("app-orders") ? 3 : 1));
      }
    }
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : clients) {
      c.close();
    }
  }

  private KinesisClient kinesis(AwsCredentials c) {
    KinesisClient k = AuthFixtures.kinesis(rivulet.endpoint(), WireMode.CBOR, provider(c));
    clients.add(k);
    return k;
  }

  private static void denied(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOfSatisfying(AwsServiceException.class, e -> {
      assertThat(e.awsErrorDetails().errorCode()).isIn("AccessDeniedException", "AccessDenied");
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    });
  }

  private static String noIdentityPolicy(String user, String action, String resource) {
    return "User: arn:aws:iam::" + ACCOUNT_A + ":user/" + user + " is not authorized to perform: " + action
        + (resource == null ? "" : " on resource: " + resource) + " because no identity-based policy allows the "
        + action + " action";
  }

  @Test
  void aReaderReadsItsStreamsOnly() {
    KinesisClient reader = kinesis(READER);
    assertThat(reader.describeStreamSummary(r -> r.streamName("app-orders")).streamDescriptionSummary().streamName())
        .isEqualTo("app-orders");
    ListShardsResponse page = reader.listShards(r -> r.streamName("app-orders").maxResults(1));
    // the next page names no stream: it is authorised against the stream its NextToken pages
    assertThat(reader.listShards(r -> r.nextToken(page.nextToken()).maxResults(5)).shards()).hasSize(2);
    String iterator = reader.getShardIterator(r -> r.streamName("app-orders").shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    assertThat(reader.getRecords(r -> r.shardIterator(iterator)).records()).isEmpty();

    denied(() -> reader.describeStreamSummary(r -> r.streamName("orders")),
        noIdentityPolicy("reader", "kinesis:DescribeStreamSummary", ARN + "orders"));
    denied(() -> reader.putRecord(r -> r.streamName("app-orders").partitionKey("k").data(SdkBytes.fromUtf8String("x"))),
        noIdentityPolicy("reader", "kinesis:PutRecord", ARN + "app-orders"));
    denied(reader::listStreams, noIdentityPolicy("reader", "kinesis:ListStreams", null));
  }

  @Test
  void anExplicitDenyOverridesAnAllow() {
    KinesisClient writer = kinesis(WRITER);
    writer.putRecord(r -> r.streamName("orders").partitionKey("k").data(SdkBytes.fromUtf8String("x")));
    assertThat(writer.listStreams().streamNames()).contains("orders", "protected-1");
    String deny = " with an explicit deny in an identity-based policy";
    denied(() -> writer.putRecord(r -> r.streamName("protected-1").partitionKey("k").data(SdkBytes.fromUtf8String("x"))),
        "User: arn:aws:iam::" + ACCOUNT_A + ":user/team/writer is not authorized to perform: kinesis:PutRecord"
            + " on resource: " + ARN + "protected-1" + deny);
    denied(() -> writer.putRecords(r -> r.streamName("protected-1").records(PutRecordsRequestEntry.builder()
        .partitionKey("k").data(SdkBytes.fromUtf8String("x")).build())),
        "User: arn:aws:iam::" + ACCOUNT_A + ":user/team/writer is not authorized to perform: kinesis:PutRecords"
            + " on resource: " + ARN + "protected-1" + deny);
    denied(writer::describeLimits, "User: arn:aws:iam::" + ACCOUNT_A + ":user/team/writer is not authorized to"
        + " perform: kinesis:DescribeLimits because no identity-based policy allows the kinesis:DescribeLimits action");
  }

  @Test
  void aResourcePolicyGrantsAnotherAccount() {
    KinesisClient admin = kinesis(ADMIN);
    KinesisClient other = kinesis(OTHER);
    String shared = ARN + "shared";
    String reason = " because no resource-based policy allows the kinesis:GetShardIterator action";
    denied(() -> other.getShardIterator(r -> r.streamARN(shared).shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)), "User: arn:aws:iam::" + AuthFixtures.ACCOUNT_B
            + ":root is not authorized to perform: kinesis:GetShardIterator on resource: " + shared + reason);
    admin.putResourcePolicy(r -> r.resourceARN(shared).policy("""
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
           "Action": ["kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:DescribeStreamSummary"],
           "Resource": "%s"},
          {"Effect": "Deny", "Principal": {"AWS": "444455556666"}, "Action": "kinesis:DescribeStreamSummary",
           "Resource": "*"}]}""".formatted(shared)));
    assertThatThrownBy(() -> admin.putResourcePolicy(r -> r.resourceARN(shared).policy("{\"Version\": \"2012-10-17\","
        + " \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"kinesis:*\", \"Resource\": \"*\"}]}")))
        .isInstanceOfSatisfying(AwsServiceException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .isEqualTo("Policy is not a valid resource policy: a resource policy statement needs exactly one of"
                + " Principal and NotPrincipal."));
    admin.putRecord(r -> r.streamName("shared").partitionKey("k").data(SdkBytes.fromUtf8String("shared data")));
    String iterator = other.getShardIterator(r -> r.streamARN(shared).shardId("shardId-000000000000")
        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    assertThat(other.getRecords(r -> r.shardIterator(iterator)).records())
        .extracting(rec -> rec.data().asUtf8String()).containsExactly("shared data");
    denied(() -> other.putRecord(r -> r.streamARN(shared).partitionKey("k").data(SdkBytes.fromUtf8String("x"))),
        "User: arn:aws:iam::" + AuthFixtures.ACCOUNT_B + ":root is not authorized to perform: kinesis:PutRecord on"
            + " resource: " + shared + " because no resource-based policy allows the kinesis:PutRecord action");
    denied(() -> other.describeStreamSummary(r -> r.streamARN(shared)), "User: arn:aws:iam::"
        + AuthFixtures.ACCOUNT_B + ":root is not authorized to perform: kinesis:DescribeStreamSummary on resource: "
        + shared + " with an explicit deny in a resource-based policy");
    // the other account's own streams are its own: a name resolves in the caller's account
    assertThat(other.listStreams().streamNames()).doesNotContain("shared");
  }

  @Test
  void subscribeToShardIsAuthorisedOnTheConsumer() throws Exception {
    try (KinesisAsyncClient admin = AuthFixtures.kinesisAsync(rivulet.endpoint(), provider(ADMIN));
         KinesisAsyncClient reader = AuthFixtures.kinesisAsync(rivulet.endpoint(), provider(READER))) {
      String consumer = admin.registerStreamConsumer(r -> r.streamARN(ARN + "app-orders").consumerName("auth-app"))
          .get().consumer().consumerARN();
      BlockingQueue<SubscribeToShardEvent> events = new LinkedBlockingQueue<>();
      SubscribeToShardResponseHandler handler = SubscribeToShardResponseHandler.builder()
          .subscriber(SubscribeToShardResponseHandler.Visitor.builder().onSubscribeToShardEvent(events::add).build())
          .build();
      CompletableFuture<Void> refused = reader.subscribeToShard(r -> r.consumerARN(consumer)
          .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)), handler);
      assertThatThrownBy(refused::join).cause().isInstanceOfSatisfying(AwsServiceException.class, e ->
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(noIdentityPolicy("reader",
              "kinesis:SubscribeToShard", consumer)));
      CompletableFuture<Void> subscribed = admin.subscribeToShard(r -> r.consumerARN(consumer)
          .shardId("shardId-000000000000").startingPosition(p -> p.type(ShardIteratorType.LATEST)), handler);
      assertThat(events.poll(10, TimeUnit.SECONDS)).as("the first event").isNotNull();
      subscribed.cancel(true);
    }
  }

  @Test
  void dynamodbTablesAndCloudwatchActions() {
    try (DynamoDbClient leases = AuthFixtures.dynamodb(rivulet.endpoint(), provider(LEASES));
         CloudWatchClient cw = AuthFixtures.cloudwatch(rivulet.endpoint(), provider(LEASES));
         CloudWatchClient readerCw = AuthFixtures.cloudwatch(rivulet.endpoint(), provider(READER))) {
      createTable(leases, "leases-app");
      leases.putItem(r -> r.tableName("leases-app").item(Map.of("k", AttributeValue.fromS("shard-0"))));
      assertThat(leases.getItem(r -> r.tableName("leases-app").key(Map.of("k", AttributeValue.fromS("shard-0"))))
          .item()).containsKey("k");
      denied(() -> createTable(leases, "other-table"), noIdentityPolicy("leases", "dynamodb:CreateTable",
          "arn:aws:dynamodb:us-east-1:" + ACCOUNT_A + ":table/other-table"));
      denied(leases::listTables, noIdentityPolicy("leases", "dynamodb:ListTables", null));
      MetricDatum datum = MetricDatum.builder().metricName("Leases").value(2.0).build();
      cw.putMetricData(r -> r.namespace("KCL").metricData(datum));
      assertThatThrownBy(() -> readerCw.putMetricData(r -> r.namespace("KCL").metricData(datum)))
          .isInstanceOfSatisfying(AwsServiceException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorMessage())
                .isEqualTo(noIdentityPolicy("reader", "cloudwatch:PutMetricData", null));
          });
    }
  }

  private static void createTable(DynamoDbClient db, String name) {
    db.createTable(r -> r.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
        .attributeDefinitions(AttributeDefinition.builder().attributeName("k").attributeType(ScalarAttributeType.S).build())
        .keySchema(KeySchemaElement.builder().attributeName("k").keyType(KeyType.HASH).build()));
  }

  @Test
  void secureTransportConditions() throws Exception {
    KinesisClient plain = kinesis(TLS_ONLY);
    denied(plain::listStreams, noIdentityPolicy("tls-only", "kinesis:ListStreams", null));
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(rivulet.server().certificateFile())) {
      trust.setCertificateEntry("rivulet", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KinesisClient tls = KinesisClient.builder()
        .endpointOverride(URI.create("https://localhost:" + rivulet.server().tlsPort()))
        .region(Region.US_EAST_1).credentialsProvider(provider(TLS_ONLY))
        .httpClientBuilder(Apache5HttpClient.builder().tlsTrustManagersProvider(tmf::getTrustManagers)).build();
    clients.add(tls);
    assertThat(tls.listStreams().streamNames()).contains("orders");
  }
}
