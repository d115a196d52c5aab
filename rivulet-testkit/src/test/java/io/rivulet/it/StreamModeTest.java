package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.bytes;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/** UpdateStreamMode both ways: UPDATING for the update delay, shards kept, limits. */
@ParameterizedClass
@EnumSource(WireMode.class)
class StreamModeTest {
  @RegisterExtension
  static RivuletExtension rivulet = new RivuletExtension(o -> o.withStreams(o.streams()
      .withUpdateDelay(Duration.ofMillis(300)).withOnDemandStreamLimit(2)));

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    stream = "mode-" + mode.name().toLowerCase() + "-" + (++counter);
  }

  StreamDescriptionSummary summary(String name) {
    return kinesis.describeStreamSummary(b -> b.streamName(name)).streamDescriptionSummary();
  }

  String arn(String name) {
    return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
  }

  void switchTo(StreamMode target) {
    kinesis.updateStreamMode(b -> b.streamARN(arn(stream)).streamModeDetails(d -> d.streamMode(target)));
  }

  @Test
  void switchesBothWaysKeepingShardsAndAtMostTwiceADay() {
    createActive(kinesis, stream, 3);
    switchTo(StreamMode.ON_DEMAND);
    StreamDescriptionSummary updating = summary(stream);
    assertThat(updating.streamStatus()).isEqualTo(StreamStatus.UPDATING);
    assertThat(updating.streamModeDetails().streamMode()).isEqualTo(StreamMode.ON_DEMAND);
    kinesis.putRecord(b -> b.streamName(stream).partitionKey("p").data(bytes("while updating")));
    assertError(error(() -> switchTo(StreamMode.PROVISIONED)), "ResourceInUseException", 400,
        "Stream " + stream + " under account 000000000000 not ACTIVE, instead in state UPDATING");
    Sdk.awaitActive(kinesis, stream);
    assertThat(summary(stream).openShardCount()).isEqualTo(3);
    assertThat(kinesis.describeLimits().onDemandStreamCount()).isEqualTo(1);

    switchTo(StreamMode.ON_DEMAND); // already: nothing happens
    assertThat(summary(stream).streamStatus()).isEqualTo(StreamStatus.ACTIVE);

    switchTo(StreamMode.PROVISIONED);
    Sdk.awaitActive(kinesis, stream);
    assertThat(summary(stream).streamModeDetails().streamMode()).isEqualTo(StreamMode.PROVISIONED);
    assertThat(summary(stream).openShardCount()).isEqualTo(3);
    assertError(error(() -> switchTo(StreamMode.ON_DEMAND)), "LimitExceededException", 400,
        "Stream " + stream + " under account 000000000000 has already had its mode updated 2 times"
            + " in the last 24 hours.");
    assertError(error(() -> kinesis.updateStreamMode(b -> b.streamARN(arn(stream))
        .streamModeDetails(d -> d.streamMode(StreamMode.PROVISIONED)).warmThroughputMiBps(10))),
        "InvalidArgumentException", 400,
        "WarmThroughputMiBps is only valid when the stream mode is updated to ON_DEMAND.");
    assertError(error(() -> kinesis.updateStreamMode(b -> b.streamARN(arn("absent"))
        .streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)))),
        "ResourceNotFoundException", 400, "Stream absent under account 000000000000 not found.");
  }

  @Test
  void theOnDemandStreamLimitHolds() {
    String a = stream + "-a";
    String b2 = stream + "-b";
    for (String s : new String[] {a, b2}) {
      kinesis.createStream(b -> b.streamName(s).streamModeDetails(d -> d.streamMode(StreamMode.ON_DEMAND)));
      Sdk.awaitActive(kinesis, s);
    }
    createActive(kinesis, stream, 1);
    assertError(error(() -> switchTo(StreamMode.ON_DEMAND)), "LimitExceededException", 400,
        "This request would exceed the on-demand stream count limit for the account 000000000000 in"
            + " us-east-1. Limit: 2.");
    assertThat(summary(stream).streamStatus()).isEqualTo(StreamStatus.ACTIVE);
    for (String s : new String[] {a, b2}) {
      kinesis.deleteStream(b -> b.streamName(s));
    }
  }
}
