package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.DisableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.EnableEnhancedMonitoringResponse;
import software.amazon.awssdk.services.kinesis.model.MetricsName;
import software.amazon.awssdk.services.kinesis.model.MinimumThroughputBillingCommitmentOutputStatus;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.UpdateAccountSettingsResponse;
import software.amazon.awssdk.services.kinesis.model.UpdateStreamWarmThroughputResponse;

/** UpdateMaxRecordSize, enhanced monitoring, account settings and warm throughput. */
@ParameterizedClass
@EnumSource(WireMode.class)
class StreamSettingsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    stream = "set-" + mode.name().toLowerCase() + "-" + (++counter);
  }

  StreamDescriptionSummary summary(KinesisClient k, String name) {
    return k.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
  }

  String arn(String name) {
    return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
  }

  @Test
  void maxRecordSizeIsHonouredByPutsAndShown() {
    createActive(kinesis, stream, 1);
    assertThat(summary(kinesis, stream).maxRecordSizeInKiB()).isEqualTo(1024);
    SdkBytes big = SdkBytes.fromByteArray(new byte[1024 * 1024 + 1]);
    assertError(error(() -> kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(big))),
        "ValidationException", 400, "1 validation error detected: Value 'java.nio.HeapByteBuffer[pos=0"
            + " lim=1048577 cap=1048577]' at 'data' failed to satisfy constraint: Member must have"
            + " length less than or equal to 1048576");
    kinesis.updateMaxRecordSize(b -> b.streamARN(arn(stream)).maxRecordSizeInKiB(2048));
    assertThat(summary(kinesis, stream).maxRecordSizeInKiB()).isEqualTo(2048);
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(big));
    kinesis.putRecords(b -> b.streamName(stream).records(PutRecordsRequestEntry.builder()
        .partitionKey("p").data(big).build()));
    assertError(error(() -> kinesis.updateMaxRecordSize(b -> b.streamARN(arn(stream)).maxRecordSizeInKiB(1023))),
        "ValidationException", 400, "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB'"
            + " failed to satisfy constraint: Member must have value greater than or equal to 1024");
    assertError(error(() -> kinesis.updateMaxRecordSize(b -> b.streamARN(arn("absent")).maxRecordSizeInKiB(2048))),
        "ResourceNotFoundException", 400, "Stream absent under account 000000000000 not found.");

    String sized = stream + "-sized";
    kinesis.createStream(b -> b.streamName(sized).shardCount(1).maxRecordSizeInKiB(10240));
    Sdk.awaitActive(kinesis, sized);
    assertThat(summary(kinesis, sized).maxRecordSizeInKiB()).isEqualTo(10240);
  }

  @Test
  void enhancedMonitoringRecordsTheMetricSet() {
    createActive(kinesis, stream, 1);
    EnableEnhancedMonitoringResponse one = kinesis.enableEnhancedMonitoring(b -> b.streamName(stream)
        .shardLevelMetrics(MetricsName.OUTGOING_BYTES, MetricsName.INCOMING_BYTES));
    assertThat(one.currentShardLevelMetrics()).isEmpty();
    assertThat(one.desiredShardLevelMetricsAsStrings()).containsExactly("IncomingBytes", "OutgoingBytes");
    assertThat(one.streamName()).isEqualTo(stream);
    assertThat(one.streamARN()).isEqualTo(arn(stream));
    EnableEnhancedMonitoringResponse all = kinesis.enableEnhancedMonitoring(b -> b.streamName(stream)
        .shardLevelMetrics(MetricsName.ALL));
    List<String> every = List.of("IncomingBytes", "IncomingRecords", "OutgoingBytes", "OutgoingRecords",
        "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded", "IteratorAgeMilliseconds");
    assertThat(all.currentShardLevelMetricsAsStrings()).containsExactly("IncomingBytes", "OutgoingBytes");
    assertThat(all.desiredShardLevelMetricsAsStrings()).isEqualTo(every);
    DisableEnhancedMonitoringResponse less = kinesis.disableEnhancedMonitoring(b -> b.streamARN(arn(stream))
        .shardLevelMetrics(MetricsName.INCOMING_BYTES, MetricsName.ITERATOR_AGE_MILLISECONDS));
    assertThat(less.currentShardLevelMetricsAsStrings()).isEqualTo(every);
    assertThat(less.desiredShardLevelMetricsAsStrings()).containsExactly("IncomingRecords",
        "OutgoingBytes", "OutgoingRecords", "WriteProvisionedThroughputExceeded",
        "ReadProvisionedThroughputExceeded");
    assertThat(summary(kinesis, stream).enhancedMonitoring().get(0).shardLevelMetricsAsStrings())
        .isEqualTo(less.desiredShardLevelMetricsAsStrings());
    assertThat(kinesis.describeStream(b -> b.streamName(stream)).streamDescription().enhancedMonitoring()
        .get(0).shardLevelMetricsAsStrings()).isEqualTo(less.desiredShardLevelMetricsAsStrings());
    kinesis.disableEnhancedMonitoring(b -> b.streamName(stream).shardLevelMetrics(MetricsName.ALL));
    assertThat(summary(kinesis, stream).enhancedMonitoring().get(0).shardLevelMetrics()).isEmpty();
    assertError(error(() -> kinesis.enableEnhancedMonitoring(b -> b.streamName("absent")
        .shardLevelMetrics(MetricsName.ALL))), "ResourceNotFoundException", 400,
        "Stream absent under account 000000000000 not found.");
  }

  @Test
  void accountSettingsGateWarmThroughputOfOnDemandStreams() {
    String account = mode == WireMode.CBOR ? "111111111111" : "222222222222";
    KinesisClient k = Clients.syncAs(rivulet.endpoint(), mode, account, Region.US_EAST_1);
    try {
      assertThat(k.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment().status())
          .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.DISABLED);
      String onDemand = stream + "-od";
      k.createStream(b -> b.streamName(onDemand).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
      createActive(k, stream, 1);
      Sdk.awaitActive(k, onDemand);
      assertError(error(() -> k.updateStreamWarmThroughput(b -> b.streamName(onDemand).warmThroughputMiBps(100))),
          "InvalidArgumentException", 400, "Warm throughput requires the account " + account
              + " to have MinimumThroughputBillingCommitment enabled.");

      UpdateAccountSettingsResponse on = k.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(
          c -> c.status("ENABLED")));
      assertThat(on.minimumThroughputBillingCommitment().status())
          .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED);
      assertThat(on.minimumThroughputBillingCommitment().startedAt()).isNotNull();
      assertThat(on.minimumThroughputBillingCommitment().earliestAllowedEndAt())
          .isEqualTo(on.minimumThroughputBillingCommitment().startedAt().plusSeconds(86_400));
      assertThat(k.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment())
          .isEqualTo(on.minimumThroughputBillingCommitment());

      UpdateStreamWarmThroughputResponse warm = k.updateStreamWarmThroughput(b -> b.streamName(onDemand)
          .warmThroughputMiBps(100));
      assertThat(warm.warmThroughput().targetMiBps()).isEqualTo(100);
      assertThat(warm.streamName()).isEqualTo(onDemand);
      assertThat(summary(k, onDemand).warmThroughput().targetMiBps()).isEqualTo(100);
      assertThat(summary(k, onDemand).warmThroughput().currentMiBps()).isEqualTo(100);
      assertError(error(() -> k.updateStreamWarmThroughput(b -> b.streamName(stream).warmThroughputMiBps(10))),
          "InvalidArgumentException", 400, "Warm throughput is only supported for streams in ON_DEMAND"
              + " mode. Stream " + stream + " under account " + account + " is in PROVISIONED mode.");
      assertError(error(() -> k.updateStreamWarmThroughput(b -> b.streamName(onDemand).warmThroughputMiBps(10241))),
          "LimitExceededException", 400, null);
      String warmAtBirth = stream + "-warm";
      k.createStream(b -> b.streamName(warmAtBirth).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND))
          .warmThroughputMiBps(50));
      Sdk.awaitActive(k, warmAtBirth);
      assertThat(summary(k, warmAtBirth).warmThroughput().targetMiBps()).isEqualTo(50);
      assertThat(summary(k, stream).warmThroughput()).isNull();

      UpdateAccountSettingsResponse off = k.updateAccountSettings(b -> b.minimumThroughputBillingCommitment(
          c -> c.status("DISABLED")));
      assertThat(off.minimumThroughputBillingCommitment().status())
          .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.ENABLED_UNTIL_EARLIEST_ALLOWED_END);
      assertThat(off.minimumThroughputBillingCommitment().endedAt())
          .isEqualTo(on.minimumThroughputBillingCommitment().earliestAllowedEndAt());
      // another account is untouched
      assertThat(kinesis.describeAccountSettings(b -> { }).minimumThroughputBillingCommitment().status())
          .isEqualTo(MinimumThroughputBillingCommitmentOutputStatus.DISABLED);
    } finally {
      k.close();
    }
  }
}
