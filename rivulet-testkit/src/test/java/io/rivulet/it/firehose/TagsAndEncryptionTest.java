package io.rivulet.it.firehose;

import static io.rivulet.it.firehose.FirehoseSdk.ROLE;
import static io.rivulet.it.firehose.FirehoseSdk.assertError;
import static io.rivulet.it.firehose.FirehoseSdk.createS3;
import static io.rivulet.it.firehose.FirehoseSdk.error;
import static io.rivulet.it.firehose.FirehoseSdk.s3;
import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.server.KmsOptions;
import io.rivulet.testkit.RivuletExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionConfiguration;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamEncryptionStatus;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.firehose.model.KeyType;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceConfiguration;
import software.amazon.awssdk.services.firehose.model.ListTagsForDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.Tag;

/**
 * Tag/Untag/ListTagsForDeliveryStream (50 tags, paging) and Start/StopDeliveryStreamEncryption
 * (statuses, key rules, the Encrypted flag of puts, DirectPut only).
 */
class TagsAndEncryptionTest {
  static final String KEY_ARN = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  // the key ARN is one the operator configured (--kms-key): created in the key store on first use
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension()
      .withKms(new KmsOptions(null, Map.of(), List.of(KEY_ARN)));

  static Tag tag(String k, String v) {
    return Tag.builder().key(k).value(v).build();
  }

  @Test
  void tagsAreAddedReplacedListedInPagesAndRemoved() {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("tagged")
        .extendedS3DestinationConfiguration(s3("b", 5, 300)).tags(tag("team", "data"), tag("env", "dev")));
    firehose.tagDeliveryStream(b -> b.deliveryStreamName("tagged").tags(tag("env", "prod"), tag("cost", "42")));
    ListTagsForDeliveryStreamResponse all = firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("tagged"));
    assertThat(all.tags()).containsExactly(tag("team", "data"), tag("env", "prod"), tag("cost", "42"));
    assertThat(all.hasMoreTags()).isFalse();
    ListTagsForDeliveryStreamResponse page = firehose.listTagsForDeliveryStream(b -> b
        .deliveryStreamName("tagged").limit(2));
    assertThat(page.tags()).containsExactly(tag("team", "data"), tag("env", "prod"));
    assertThat(page.hasMoreTags()).isTrue();
    page = firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("tagged").limit(2)
        .exclusiveStartTagKey("env"));
    assertThat(page.tags()).containsExactly(tag("cost", "42"));
    assertThat(page.hasMoreTags()).isFalse();
    firehose.untagDeliveryStream(b -> b.deliveryStreamName("tagged").tagKeys("team", "not-there"));
    assertThat(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("tagged")).tags())
        .containsExactly(tag("env", "prod"), tag("cost", "42"));
  }

  @Test
  void fiftyTagsAtMost() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "many-tags", "b");
    List<Tag> fifty = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      fifty.add(tag("k" + i, "v"));
    }
    firehose.tagDeliveryStream(b -> b.deliveryStreamName("many-tags").tags(fifty));
    assertError(error(() -> firehose.tagDeliveryStream(b -> b.deliveryStreamName("many-tags")
        .tags(tag("one-more", "v")))), "LimitExceededException", 400,
        "Firehose many-tags under account 000000000000 would have 51 tags; the limit is 50.");
    firehose.tagDeliveryStream(b -> b.deliveryStreamName("many-tags").tags(tag("k0", "replaced")));
    assertThat(firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("many-tags")).tags()).hasSize(50);
    List<Tag> fiftyOne = new ArrayList<>(fifty);
    fiftyOne.add(tag("k50", "v"));
    assertError(error(() -> firehose.tagDeliveryStream(b -> b.deliveryStreamName("many-tags")
        .tags(fiftyOne))), "ValidationException", 400, null);
    assertError(error(() -> firehose.tagDeliveryStream(b -> b.deliveryStreamName("many-tags")
        .tags(tag("aws:reserved", "v")))), "ValidationException", 400, null);
    assertError(error(() -> firehose.tagDeliveryStream(b -> b.deliveryStreamName("absent")
        .tags(tag("a", "b")))), "ResourceNotFoundException", 400, null);
    assertError(error(() -> firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName("many-tags")
        .limit(51))), "ValidationException", 400, null);
  }

  static DeliveryStreamEncryptionConfiguration encryption(FirehoseClient firehose, String name) {
    return firehose.describeDeliveryStream(b -> b.deliveryStreamName(name)).deliveryStreamDescription()
        .deliveryStreamEncryptionConfiguration();
  }

  static Record record(String s) {
    return Record.builder().data(SdkBytes.fromUtf8String(s)).build();
  }

  @Test
  void encryptionStartsAndStopsAndPutsSayWhetherTheyWereEncrypted() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "sse", "b");
    assertThat(firehose.putRecord(b -> b.deliveryStreamName("sse").record(record("plain"))).encrypted()).isFalse();
    firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse"));
    DeliveryStreamEncryptionConfiguration e = encryption(firehose, "sse");
    assertThat(e.status()).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);
    assertThat(e.keyType()).isEqualTo(KeyType.AWS_OWNED_CMK);
    assertThat(e.keyARN()).isNull();
    assertThat(firehose.putRecord(b -> b.deliveryStreamName("sse").record(record("secret"))).encrypted()).isTrue();
    assertThat(firehose.putRecordBatch(b -> b.deliveryStreamName("sse").records(record("s"))).encrypted()).isTrue();

    firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse")
        .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK).keyARN(KEY_ARN)));
    e = encryption(firehose, "sse");
    assertThat(e.keyType()).isEqualTo(KeyType.CUSTOMER_MANAGED_CMK);
    assertThat(e.keyARN()).isEqualTo(KEY_ARN);

    firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sse"));
    assertThat(encryption(firehose, "sse").status()).isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
    assertThat(firehose.putRecord(b -> b.deliveryStreamName("sse").record(record("plain again"))).encrypted()).isFalse();
  }

  @Test
  void encryptionAtCreation() {
    FirehoseClient firehose = rivulet.firehose();
    firehose.createDeliveryStream(b -> b.deliveryStreamName("sse-at-birth")
        .extendedS3DestinationConfiguration(s3("b", 5, 300))
        .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK).keyARN(KEY_ARN)));
    DeliveryStreamEncryptionConfiguration e = encryption(firehose, "sse-at-birth");
    assertThat(e.status()).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);
    assertThat(e.keyARN()).isEqualTo(KEY_ARN);
  }

  @Test
  void encryptionErrors() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "sse-errors", "b");
    assertError(error(() -> firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-errors")
        .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.CUSTOMER_MANAGED_CMK)))),
        "InvalidArgumentException", 400, "KeyARN is required when KeyType is CUSTOMER_MANAGED_CMK.");
    assertError(error(() -> firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-errors")
        .deliveryStreamEncryptionConfigurationInput(c -> c.keyType(KeyType.AWS_OWNED_CMK).keyARN(KEY_ARN)))),
        "InvalidArgumentException", 400, "KeyARN must not be specified when KeyType is AWS_OWNED_CMK.");
    assertError(error(() -> firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("absent"))),
        "ResourceNotFoundException", 400, null);
    firehose.createDeliveryStream(b -> b.deliveryStreamName("sse-kinesis")
        .deliveryStreamType(DeliveryStreamType.KINESIS_STREAM_AS_SOURCE)
        .kinesisStreamSourceConfiguration(KinesisStreamSourceConfiguration.builder()
            .kinesisStreamARN(FirehoseSdk.dataStream(rivulet, "s")).roleARN(ROLE).build())
        .extendedS3DestinationConfiguration(s3("b", 5, 300)));
    assertError(error(() -> firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-kinesis"))),
        "InvalidArgumentException", 400, "Server-side encryption is only supported for delivery streams"
            + " of type DirectPut, not KinesisStreamAsSource.");
  }

  @Test
  void twentyFiveStartOrStopCallsPerDay() {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "sse-limit", "b");
    for (int i = 0; i < 25; i++) {
      if (i % 2 == 0) {
        firehose.startDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-limit"));
      } else {
        firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-limit"));
      }
    }
    assertError(error(() -> firehose.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("sse-limit"))),
        "LimitExceededException", 400, "StartDeliveryStreamEncryption and StopDeliveryStreamEncryption"
            + " are limited to 25 calls per delivery stream per 24 hours.");
    assertThat(encryption(firehose, "sse-limit").status()).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);
  }

  @Test
  void asyncClientTagsAndEncrypts() throws Exception {
    FirehoseClient firehose = rivulet.firehose();
    createS3(firehose, "async-tags", "b");
    var async = rivulet.firehoseAsync();
    async.tagDeliveryStream(b -> b.deliveryStreamName("async-tags").tags(tag("a", "1"))).get();
    assertThat(async.listTagsForDeliveryStream(b -> b.deliveryStreamName("async-tags")).get().tags())
        .containsExactly(tag("a", "1"));
    async.untagDeliveryStream(b -> b.deliveryStreamName("async-tags").tagKeys("a")).get();
    assertThat(async.listTagsForDeliveryStream(b -> b.deliveryStreamName("async-tags")).get().tags()).isEmpty();
    async.startDeliveryStreamEncryption(b -> b.deliveryStreamName("async-tags")).get();
    assertThat(encryption(firehose, "async-tags").status()).isEqualTo(DeliveryStreamEncryptionStatus.ENABLED);
    async.stopDeliveryStreamEncryption(b -> b.deliveryStreamName("async-tags")).get();
    assertThat(encryption(firehose, "async-tags").status()).isEqualTo(DeliveryStreamEncryptionStatus.DISABLED);
  }
}
