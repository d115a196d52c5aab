package io.rivulet.it;

import static io.rivulet.it.Sdk.assertError;
import static io.rivulet.it.Sdk.createActive;
import static io.rivulet.it.Sdk.error;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.testkit.RivuletExtension;
import io.rivulet.testkit.WireMode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListTagsForStreamResponse;
import software.amazon.awssdk.services.kinesis.model.Tag;

/** Retention-period changes and stream tags. */
@ParameterizedClass
@EnumSource(WireMode.class)
class RetentionAndTagsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  @Parameter WireMode mode;
  KinesisClient kinesis;
  String stream;
  static int counter;

  @BeforeEach
  void setUp() {
    kinesis = rivulet.sync(mode);
    stream = "rt-" + mode.name().toLowerCase() + "-" + (++counter);
    createActive(kinesis, stream, 1);
  }

  int retention() {
    return kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
        .retentionPeriodHours();
  }

  @Test
  void retentionGoesUpAndDownWithinAwsBounds() {
    kinesis.increaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(168));
    assertThat(retention()).isEqualTo(168);
    kinesis.increaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(8760));
    assertThat(retention()).isEqualTo(8760);
    kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(48));
    assertThat(retention()).isEqualTo(48);

    assertError(error(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(24))),
        "InvalidArgumentException", 400, "Requested retention period (24 hours) for stream " + stream
            + " can not be shorter than existing retention period (48 hours). Use DecreaseRetentionPeriod API.");
    assertError(error(() -> kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(72))),
        "InvalidArgumentException", 400, "Requested retention period (72 hours) for stream " + stream
            + " can not be longer than existing retention period (48 hours). Use IncreaseRetentionPeriod API.");
    assertError(error(() -> kinesis.decreaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(23))),
        "InvalidArgumentException", 400,
        "Minimum allowed retention period is 24 hours. Requested retention period (23 hours) is too short.");
    assertError(error(() -> kinesis.increaseStreamRetentionPeriod(b -> b.streamName(stream).retentionPeriodHours(8761))),
        "InvalidArgumentException", 400,
        "Maximum allowed retention period is 8760 hours. Requested retention period (8761 hours) is too long.");
    assertThat(retention()).isEqualTo(48);
  }

  @Test
  void tagsAreAddedListedPagedAndRemoved() {
    kinesis.addTagsToStream(b -> b.streamName(stream).tags(Map.of("team", "data", "env", "test", "cost", "42")));
    ListTagsForStreamResponse all = kinesis.listTagsForStream(b -> b.streamName(stream));
    assertThat(all.tags()).extracting(Tag::key).containsExactly("cost", "env", "team");
    assertThat(all.hasMoreTags()).isFalse();
    ListTagsForStreamResponse page = kinesis.listTagsForStream(b -> b.streamName(stream).limit(1)
        .exclusiveStartTagKey("cost"));
    assertThat(page.tags()).containsExactly(Tag.builder().key("env").value("test").build());
    assertThat(page.hasMoreTags()).isTrue();
    kinesis.addTagsToStream(b -> b.streamName(stream).tags(Map.of("env", "prod")));
    kinesis.removeTagsFromStream(b -> b.streamName(stream).tagKeys("cost", "absent"));
    assertThat(kinesis.listTagsForStream(b -> b.streamName(stream)).tags())
        .containsExactly(Tag.builder().key("env").value("prod").build(), Tag.builder().key("team").value("data").build());
  }

  @Test
  void tagLimitsAndCharactersAreChecked() {
    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }
    kinesis.addTagsToStream(b -> b.streamName(stream).tags(many));
    kinesis.addTagsToStream(b -> b.streamName(stream).tags(Map.of("k0", "overwrite", "last", "v")));
    assertError(error(() -> kinesis.addTagsToStream(b -> b.streamName(stream).tags(Map.of("one-too-many", "v")))),
        "InvalidArgumentException", 400, "Failed to add tags to stream " + stream + " under account"
            + " 000000000000 because a given stream cannot have more than 50 tags associated with it.");
    assertError(error(() -> kinesis.addTagsToStream(b -> b.streamName(stream).tags(Map.of("bad*key", "v")))),
        "InvalidArgumentException", 400, "Some tags contain invalid characters. Valid characters:"
            + " Unicode letters, digits, white space, _ . / = + - % @.");
  }
}
