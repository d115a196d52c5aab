package io.rivulet.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rivulet.fuzz.SeedSweep;
import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fuzz targets over CloudWatch's three PutMetricData decoders (docs/SECURITY.md, "Fuzzing"): any
 * body, as Smithy RPC v2 CBOR, AWS JSON 1.0 or an awsQuery form, is answered 200 or with one of
 * CloudWatch's 400 errors; {@link CloudWatchService#handle} never throws and never answers 500, and
 * whatever it stores renders as Prometheus text.
 */
class CloudWatchFuzzTest {
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

  static AwsResponse send(String protocol, byte[] body, Map<String, String> extraHeaders) {
    CloudWatchService service = new CloudWatchService(CLOCK);
    Map<String, String> headers = new java.util.HashMap<>(extraHeaders);
    String path = "/";
    switch (protocol) {
      case "cbor" -> {
        path = CloudWatchService.RPC_V2_PATH + "PutMetricData";
        headers.put("smithy-protocol", "rpc-v2-cbor");
        headers.put("content-type", "application/cbor");
      }
      case "json" -> {
        headers.put("x-amz-target", CloudWatchService.SERVICE + ".PutMetricData");
        headers.put("content-type", "application/x-amz-json-1.0");
      }
      default -> headers.put("content-type", "application/x-www-form-urlencoded; charset=utf-8");
    }
    AwsResponse r = service.handle(new AwsRequest("POST", path, "", headers, body, "req-1")).join();
    assertThat(r.status()).isIn(200, 400);
    assertThat(service.prometheusText()).isNotNull();
    return r;
  }

  @FuzzTest(maxDuration = "5m")
  void rpcV2Cbor(byte[] body) {
    send("cbor", body, Map.of());
  }

  @FuzzTest(maxDuration = "5m")
  void json(byte[] body) {
    send("json", body, Map.of());
  }

  @FuzzTest(maxDuration = "5m")
  void query(byte[] body) {
    send("query", body, Map.of());
  }

  @Test
  void rpcV2CborSweep() {
    assertThat(SeedSweep.run(getClass(), "rpcV2Cbor", this::rpcV2Cbor)).isPositive();
  }

  @Test
  void jsonSweep() {
    assertThat(SeedSweep.run(getClass(), "json", this::json)).isPositive();
  }

  @Test
  void querySweep() {
    assertThat(SeedSweep.run(getClass(), "query", this::query)).isPositive();
  }
}
