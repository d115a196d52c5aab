package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** {@code /metrics} is Prometheus text whose Kinesis counters move with traffic. */
class MetricsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  String scrape() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(rivulet.endpoint() + "/metrics")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    return r.body();
  }

  static double value(String text, String series) {
    Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  @Test
  void countersMoveWithTrafficAndShardSeriesFollowEnhancedMonitoring() throws Exception {
    KinesisClient kinesis = rivulet.sync(WireMode.CBOR);
    Sdk.createActive(kinesis, "metered", 1);
    String labels = "{account=\"000000000000\",region=\"us-east-1\",stream=\"metered\"}";
    for (int i = 0; i < 3; i++) {
      kinesis.putRecord(b -> b.streamName("metered").partitionKey("pk").data(Sdk.bytes("12345")));
    }
    Sdk.drain(kinesis, Sdk.iterator(kinesis, "metered", "shardId-000000000000", ShardIteratorType.TRIM_HORIZON));
    String text = scrape();
    assertThat(value(text, "rivulet_kinesis_incoming_records_stream_total" + labels)).isEqualTo(3);
    assertThat(value(text, "rivulet_kinesis_incoming_bytes_stream_total" + labels)).isEqualTo(21);
    assertThat(value(text, "rivulet_kinesis_outgoing_records_stream_total" + labels)).isEqualTo(3);
    assertThat(value(text, "rivulet_kinesis_storage_bytes_stream" + labels)).isGreaterThan(0);
    assertThat(value(text, "rivulet_kinesis_open_shards" + labels)).isEqualTo(1);
    assertThat(text).contains("jvm_memory_used_bytes").doesNotContain("shard=\"shardId-000000000000\"");

    kinesis.enableEnhancedMonitoring(b -> b.streamName("metered").shardLevelMetrics(
        software.amazon.awssdk.services.kinesis.model.MetricsName.INCOMING_RECORDS));
    String shardLabels = "{account=\"000000000000\",region=\"us-east-1\","
        + "shard=\"shardId-000000000000\",stream=\"metered\"}"; // label names are sorted
    String enabled = scrape();
    assertThat(value(enabled, "rivulet_kinesis_incoming_records_shard_total" + shardLabels)).isEqualTo(3);
    assertThat(enabled).as("only the metrics enhanced monitoring names")
        .doesNotContain("rivulet_kinesis_outgoing_records_shard_total" + shardLabels);
  }
}
