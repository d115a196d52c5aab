package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

/**
 * CloudWatch PutMetricData from the SDK 2.57.8 clients (Smithy RPC v2 CBOR), and from AWS JSON 1.0
 * and awsQuery posts as older SDKs send them; every datum then shows at {@code /metrics}.
 */
class CloudWatchMetricsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(Clients.ACCESS_KEY, Clients.SECRET_KEY));
  }

  static String scrape() throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(rivulet.endpoint().resolve("/metrics")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  @Test
  void sdkRpcV2CborDatumsAppearAtMetrics() throws Exception {
    try (CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(rivulet.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(credentials()).httpClientBuilder(Apache5HttpClient.builder()).build()) {
      cw.putMetricData(b -> b.namespace("my-app").metricData(
          MetricDatum.builder().metricName("RecordsProcessed").timestamp(Instant.now()).unit(StandardUnit.COUNT)
              .dimensions(Dimension.builder().name("Operation").value("ProcessTask").build(),
                  Dimension.builder().name("ShardId").value("shardId-000000000001").build())
              .statisticValues(s -> s.sampleCount(3.0).sum(42.0).minimum(10.0).maximum(20.0)).build(),
          MetricDatum.builder().metricName("Time").value(12.5).unit(StandardUnit.MILLISECONDS).build()));
    }
    String text = scrape();
    assertThat(text).contains("# TYPE rivulet_cloudwatch_RecordsProcessed gauge")
        .contains("rivulet_cloudwatch_RecordsProcessed{namespace=\"my-app\",Operation=\"ProcessTask\","
            + "ShardId=\"shardId-000000000001\",stat=\"sum\"} 42")
        .contains("rivulet_cloudwatch_RecordsProcessed{namespace=\"my-app\",Operation=\"ProcessTask\","
            + "ShardId=\"shardId-000000000001\",stat=\"count\"} 3")
        .contains("rivulet_cloudwatch_Time{namespace=\"my-app\",stat=\"max\"} 12.5");
  }

  @Test
  void asyncNettyClientAsKclUsesIt() throws Exception {
    try (CloudWatchAsyncClient cw = CloudWatchAsyncClient.builder().endpointOverride(rivulet.endpoint())
        .region(Region.US_EAST_1).credentialsProvider(credentials()).build()) {
      cw.putMetricData(b -> b.namespace("kcl-app").metricData(MetricDatum.builder().metricName("MillisBehindLatest")
          .values(1.0, 5.0).counts(2.0, 1.0).build())).join();
    }
    assertThat(scrape()).contains("rivulet_cloudwatch_MillisBehindLatest{namespace=\"kcl-app\",stat=\"sum\"} 7")
        .contains("rivulet_cloudwatch_MillisBehindLatest{namespace=\"kcl-app\",stat=\"count\"} 3");
  }

  @Test
  void awsJsonAndAwsQueryForms() throws Exception {
    URI endpoint = rivulet.endpoint();
    HttpResponse<String> json = HTTP.send(HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/x-amz-json-1.0")
        .header("X-Amz-Target", "GraniteServiceVersion20100801.PutMetricData")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"Namespace\":\"json-app\",\"MetricData\":[{\"MetricName\":\"Lag\",\"Value\":3}]}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.body()).isEqualTo("{}");
    HttpResponse<String> query = HTTP.send(HttpRequest.newBuilder(endpoint)
        .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        .POST(HttpRequest.BodyPublishers.ofString("Action=PutMetricData&Version=2010-08-01&Namespace=query-app"
            + "&MetricData.member.1.MetricName=Lag&MetricData.member.1.Value=4"
            + "&MetricData.member.1.Dimensions.member.1.Name=ShardId"
            + "&MetricData.member.1.Dimensions.member.1.Value=shard-1")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(query.body()).contains("<PutMetricDataResponse");
    assertThat(scrape()).contains("rivulet_cloudwatch_Lag{namespace=\"json-app\",stat=\"sum\"} 3")
        .contains("rivulet_cloudwatch_Lag{namespace=\"query-app\",ShardId=\"shard-1\",stat=\"sum\"} 4");
  }
}
