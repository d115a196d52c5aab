package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Consumer;
import software.amazon.awssdk.services.kinesis.model.ConsumerDescription;
import software.amazon.awssdk.services.kinesis.model.ConsumerStatus;
import software.amazon.awssdk.services.kinesis.model.ListStreamConsumersResponse;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** Register/Describe/List/DeregisterStreamConsumer, consumer tags, DeleteStream's enforcement. */
@ParameterizedClass
@EnumSource(WireMode.class)
class ConsumersTest {
  @RegisterExtension
  static RivuletExtension rivulet =
      new RivuletExtension(o -> o.withDelays(Duration.ofMillis(200), Duration.ofMillis(200)));

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;
  String streamArn;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    stream = "cons-" + mode.name().toLowerCase() + "-" + (++counter);
    Sdk.createActive(kinesis, stream, 1);
    streamArn = kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamARN();
  }

  ConsumerDescription describe(String arn) {
    return kinesis.describeStreamConsumer(b -> b.consumerARN(arn)).consumerDescription();
  }

  @Test
  void consumersGoFromCreatingToActiveAndAreListed() {
    Consumer c = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-1")).consumer();
    assertThat(c.consumerStatus()).isEqualTo(ConsumerStatus.CREATING);
    assertThat(c.consumerARN()).matches(java.util.regex.Pattern.quote(streamArn) + "/consumer/app-1:\\d+");
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (describe(c.consumerARN()).consumerStatus() != ConsumerStatus.ACTIVE) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Sdk.sleep(20);
    }
    ConsumerDescription byName = kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-1"))
        .consumerDescription();
    assertThat(byName.consumerARN()).isEqualTo(c.consumerARN());
    assertThat(byName.streamARN()).isEqualTo(streamArn);
    kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("app-0"));
    ListStreamConsumersResponse page = kinesis.listStreamConsumers(b -> b.streamARN(streamArn).maxResults(1));
    assertThat(page.consumers()).extracting(Consumer::consumerName).containsExactly("app-0");
    assertThat(kinesis.listStreamConsumers(b -> b.streamARN(streamArn).nextToken(page.nextToken())).consumers())
        .extracting(Consumer::consumerName).containsExactly("app-1");
    assertThat(kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().consumerCount())
        .isEqualTo(2);
  }

  @Test
  void duplicatesLimitsAndMissingConsumersGetAwsErrors() {
    kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("dup"));
    assertError(error(() -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("dup"))),
        "ResourceInUseException", 400, null);
    for (int i = 1; i < 20; i++) {
      int n = i;
      kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("c" + n));
    }
    assertError(error(() -> kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("one-more"))),
        "LimitExceededException", 400, null);
    assertError(error(() -> kinesis.describeStreamConsumer(b -> b.streamARN(streamArn).consumerName("absent"))),
        "ResourceNotFoundException", 400, "Consumer absent under stream " + stream + " not found for account 000000000000.");
  }

  @Test
  void deregisteredConsumersGoAwayAndDeleteStreamNeedsEnforcement() {
    Consumer c = kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("gone")).consumer();
    assertError(error(() -> kinesis.deleteStream(b -> b.streamName(stream))), "ResourceInUseException", 400, null);
    kinesis.tagResource(b -> b.resourceARN(c.consumerARN()).tags(Map.of("team", "a")));
    assertThat(kinesis.listTagsForResource(b -> b.resourceARN(c.consumerARN())).tags())
        .containsExactly(Tag.builder().key("team").value("a").build());
    kinesis.untagResource(b -> b.resourceARN(c.consumerARN()).tagKeys("team"));
    String policy = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    kinesis.putResourcePolicy(b -> b.resourceARN(c.consumerARN()).policy(policy));
    assertThat(kinesis.getResourcePolicy(b -> b.resourceARN(c.consumerARN())).policy()).isEqualTo(policy);
    kinesis.deleteResourcePolicy(b -> b.resourceARN(c.consumerARN()));
    assertError(error(() -> kinesis.getResourcePolicy(b -> b.resourceARN(c.consumerARN()))),
        "ResourceNotFoundException", 400, null);
    assertThat(kinesis.listTagsForResource(b -> b.resourceARN(c.consumerARN())).tags()).isEmpty();
    kinesis.deregisterStreamConsumer(b -> b.consumerARN(c.consumerARN()));
    assertThat(describe(c.consumerARN()).consumerStatus()).isEqualTo(ConsumerStatus.DELETING);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!kinesis.listStreamConsumers(b -> b.streamARN(streamArn)).consumers().isEmpty()) {
      assertThat(System.nanoTime()).isLessThan(deadline);
      Sdk.sleep(20);
    }
    assertError(error(() -> describe(c.consumerARN())), "ResourceNotFoundException", 400, null);
    kinesis.registerStreamConsumer(b -> b.streamARN(streamArn).consumerName("forced"));
    kinesis.deleteStream(b -> b.streamName(stream).enforceConsumerDeletion(true));
    assertThat(List.of(stream)).isNotEmpty();
  }
}
