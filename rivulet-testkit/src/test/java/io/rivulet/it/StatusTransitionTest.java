package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** Streams pass through CREATING and DELETING, for the configured delays, as in AWS. */
@ParameterizedClass
@EnumSource(WireMode.class)
class StatusTransitionTest {
  @RegisterExtension
  static RivuletExtension rivulet =
      new RivuletExtension(o -> o.withDelays(Duration.ofMillis(400), Duration.ofMillis(400)));

  @Parameter WireMode mode;

  @Test
  void creatingThenActiveThenDeletingThenGone() {
    KinesisClient kinesis = rivulet.sync(mode);
    String slow = "slow-" + mode;
    kinesis.createStream(b -> b.streamName(slow).shardCount(1));
    var creating = kinesis.describeStream(b -> b.streamName(slow)).streamDescription();
    assertThat(creating.streamStatus()).isEqualTo(StreamStatus.CREATING);
    assertThat(creating.shards()).isEmpty();
    assertError(error(() -> kinesis.putRecord(b -> b.streamName(slow).partitionKey("p").data(bytes("x")))),
        "ResourceNotFoundException", 400, "Stream " + slow + " under account 000000000000 not found.");
    assertError(error(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName(slow).retentionPeriodHours(48))),
        "ResourceInUseException", 400,
        "Stream " + slow + " under account 000000000000 not ACTIVE, instead in state CREATING");

    Sdk.awaitActive(kinesis, slow);
    kinesis.putRecord(b -> b.streamName(slow).partitionKey("p").data(bytes("x")));
    kinesis.deleteStream(b -> b.streamName(slow));
    assertThat(kinesis.describeStreamSummary(b -> b.streamName(slow)).streamDescriptionSummary().streamStatus())
        .isEqualTo(StreamStatus.DELETING);
    assertError(error(() -> kinesis.putRecord(b -> b.streamName(slow).partitionKey("p").data(bytes("x")))),
        "ResourceNotFoundException", 400, null);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (kinesis.listStreams().streamNames().contains(slow)) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Sdk.sleep(20);
    }
    assertError(error(() -> kinesis.describeStream(b -> b.streamName(slow))), "ResourceNotFoundException", 400, null);
  }
}
