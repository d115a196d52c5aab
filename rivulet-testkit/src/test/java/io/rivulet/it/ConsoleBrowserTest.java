package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.firehose.s3.S3Clients;
import io.rivulet.server.RivuletServer;
import io.rivulet.testkit.RivuletExtension;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.Processor;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The web console in a real browser: {@code src/test/browser/console.spec.mjs} drives Debian's
 * {@code chromium} headless through {@code playwright-core} against this server (create a stream,
 * put records, see them in the live tail and the charts; Firehose delivery streams delivering
 * into the server's embedded S3, their counters and errors; the Analytics and Video sections),
 * fails on any console error, and saves screenshots to {@code target/console-screenshots/}.
 * Skipped without {@code node}, {@code /usr/bin/chromium} or the npm package ({@code .ci/run}
 * installs all three). Also checks, without a browser, how the console's files and read-only
 * endpoints are served.
 */
class ConsoleBrowserTest {
  static final String BUCKET = "console-bucket";

  @RegisterExtension
  static RivuletExtension rivulet =
      new RivuletExtension(o -> o.withS3(new RivuletServer.Options.S3(0, null)));

  @BeforeAll
  static void createBucket() {
    try (S3Client s3 = S3Clients.create(rivulet.server().s3Endpoint(), "us-east-1", "local", "local")) {
      s3.createBucket(b -> b.bucket(BUCKET));
    }
  }

  @Test
  void consoleWorksInChromium() throws Exception {
    BrowserSpecs.run("console.spec.mjs", Map.of("RIVULET_ENDPOINT", rivulet.endpoint().toString(),
        "FIREHOSE_BUCKET", BUCKET));
    assertThat(BrowserSpecs.SHOTS.resolve("05-live-tail.png")).exists();
    assertThat(BrowserSpecs.SHOTS.resolve("11-delivery-stream.png")).exists();
  }

  @Test
  void servesTheConsoleWithTypesAndCaching() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> index = get(http, "/", null);
    assertThat(index.statusCode()).isEqualTo(200);
    assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(index.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(index.headers().firstValue("content-security-policy").orElse(""))
        .contains("default-src 'self'");
    assertThat(index.body()).contains("<script type=\"module\" src=\"/console/app.js\">");
    String etag = index.headers().firstValue("etag").orElseThrow();
    assertThat(get(http, "/", etag).statusCode()).isEqualTo(304);

    HttpResponse<String> js = get(http, "/console/app.js", null);
    assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
    assertThat(get(http, "/console/console.css", null).headers().firstValue("content-type"))
        .hasValue("text/css; charset=utf-8");
    assertThat(get(http, "/console/nope.js", null).statusCode()).isEqualTo(404);
    assertThat(get(http, "/console/..%2Fpom.xml", null).statusCode()).isEqualTo(404);

    HttpResponse<String> services = get(http, "/console/api/services", null);
    assertThat(services.body()).contains("\"Kinesis_20131202\"");
    HttpResponse<String> metrics = get(http, "/console/api/metrics", null);
    assertThat(metrics.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(metrics.body()).startsWith("{\"timeMillis\":").contains("\"streams\":[");
  }

  @Test
  void firehoseEndpointReportsCountersAndRecentErrors() throws Exception {
    rivulet.firehose().createDeliveryStream(b -> b.deliveryStreamName("api-lambda")
        .extendedS3DestinationConfiguration(c -> c.bucketARN("arn:aws:s3:::" + BUCKET)
            .roleARN("arn:aws:iam::000000000000:role/r")
            .bufferingHints(h -> h.sizeInMBs(1).intervalInSeconds(0))
            .processingConfiguration(p -> p.enabled(true).processors(Processor.builder().type("Lambda")
                .parameters(parameter("LambdaArn", "arn:aws:lambda:us-east-1:000000000000:function:f"),
                    parameter("NumberOfRetries", "0")).build()))));
    rivulet.firehose().putRecord(b -> b.deliveryStreamName("api-lambda")
        .record(r -> r.data(SdkBytes.fromUtf8String("{\"a\":1}\n"))));
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + 20_000_000_000L;
    JsonNode stream;
    do {
      assertThat(System.nanoTime()).as("the failed record is reported").isLessThan(deadline);
      Thread.sleep(20);
      HttpResponse<String> r = get(http, "/console/api/firehose", null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("cache-control")).hasValue("no-store");
      stream = StreamSupport.stream(new ObjectMapper().readTree(r.body()).get("deliveryStreams").spliterator(), false)
          .filter(s -> s.get("name").asText().equals("api-lambda")).findFirst().orElseThrow();
    } while (stream.get("processingFailedRecords").asLong() == 0);
    assertThat(stream.get("incomingRecords").asLong()).isEqualTo(1);
    assertThat(stream.get("incomingBytes").asLong()).isEqualTo(8);
    assertThat(stream.get("account").asText()).isEqualTo("000000000000");
    assertThat(stream.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(stream.get("source").isNull()).as("DirectPut").isTrue();
    JsonNode error = stream.get("recentErrors").get(0);
    assertThat(error.get("kind").asText()).isEqualTo("processing-failed");
    assertThat(error.get("message").asText())
        .startsWith("1 record(s) to the error output; Lambda.ResourceNotFound: ");
    assertThat(error.get("timeMillis").asLong()).isPositive();
  }

  private static ProcessorParameter parameter(String name, String value) {
    return ProcessorParameter.builder().parameterName(name).parameterValue(value).build();
  }

  private static HttpResponse<String> get(HttpClient http, String path, String ifNoneMatch)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(rivulet.endpoint() + path));
    if (ifNoneMatch != null) {
      request.header("If-None-Match", ifNoneMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
