package io.rivulet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.protocol.AwsResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Regression tests for what {@link CloudWatchFuzzTest} found, and the hostile bodies it pointed
 * at: each is now one of CloudWatch's 400 errors instead of a 500, a NullPointerException or an
 * exhausted heap or stack.
 */
class HostileRequestTest {
  private static AwsResponse json(String body) {
    return CloudWatchFuzzTest.send("json", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private static AwsResponse query(String body) {
    return CloudWatchFuzzTest.send("query", body.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  private static String text(AwsResponse r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aDimensionWithoutNameOrValueIsMissingParameterNotANullPointer() {
    AwsResponse noName = json("{\"Namespace\":\"n\",\"MetricData\":[{\"MetricName\":\"m\",\"Value\":1,"
        + "\"Dimensions\":[{\"Value\":\"v\"}]}]}");
    assertThat(noName.status()).isEqualTo(400);
    assertThat(text(noName)).contains("MissingParameter").contains("Dimensions.member.Name is required");
    AwsResponse noValue = json("{\"Namespace\":\"n\",\"MetricData\":[{\"MetricName\":\"m\",\"Value\":1,"
        + "\"Dimensions\":[{\"Name\":\"d\"}]}]}");
    assertThat(text(noValue)).contains("Dimensions.member.Value is required");
  }

  @Test
  void aStatisticThatIsNotANumberIsInvalidParameterValue() {
    AwsResponse r = json("{\"Namespace\":\"n\",\"MetricData\":[{\"MetricName\":\"m\",\"StatisticValues\":"
        + "{\"SampleCount\":\"x\",\"Sum\":1,\"Minimum\":1,\"Maximum\":1}}]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).contains("InvalidParameterValue").contains("SampleCount must be a number");
  }

  @Test
  void aHugeMemberIndexIsRefusedBeforeAnythingIsAllocated() {
    AwsResponse r = query("Action=PutMetricData&Namespace=n&MetricData.member.2147483647.MetricName=m");
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).contains("InvalidParameterValue").contains("not between 1 and 1000");
  }

  @Test
  void aKeyOfAHundredThousandPartsIsRefusedNotAStackOverflow() {
    AwsResponse r = query("Action=PutMetricData&Namespace=n&" + "a.".repeat(100_000) + "b=1");
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).contains("is not recognized");
  }

  @Test
  void aGzipBombIsRefusedBeforeItFillsTheHeap() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 64; i++) { // 64 MiB of zeros, 64 KiB on the wire
        gz.write(zeros);
      }
    }
    AwsResponse r = CloudWatchFuzzTest.send("json", zipped.toByteArray(), Map.of("content-encoding", "gzip"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(text(r)).contains("inflates to more than");
  }

  @Test
  void countsThatAreNotAListAreIgnoredNotANullPointer() {
    AwsResponse r = query("Action=PutMetricData&Namespace=n&MetricData.member.1.MetricName=m"
        + "&MetricData.member.1.Values.member.1=2&MetricData.member.1.Counts.x=3");
    assertThat(r.status()).isEqualTo(200);
  }
}
