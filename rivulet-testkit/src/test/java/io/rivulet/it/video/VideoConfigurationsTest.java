package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.ComparisonOperator;
import software.amazon.awssdk.services.kinesisvideo.model.ConfigurationStatus;
import software.amazon.awssdk.services.kinesisvideo.model.DefaultStorageTier;
import software.amazon.awssdk.services.kinesisvideo.model.EdgeConfig;
import software.amazon.awssdk.services.kinesisvideo.model.Format;
import software.amazon.awssdk.services.kinesisvideo.model.FormatConfigKey;
import software.amazon.awssdk.services.kinesisvideo.model.ImageGenerationConfiguration;
import software.amazon.awssdk.services.kinesisvideo.model.ImageSelectorType;
import software.amazon.awssdk.services.kinesisvideo.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideo.model.ListStreamsResponse;
import software.amazon.awssdk.services.kinesisvideo.model.MediaStorageConfigurationStatus;
import software.amazon.awssdk.services.kinesisvideo.model.MediaUriType;
import software.amazon.awssdk.services.kinesisvideo.model.NoDataRetentionException;
import software.amazon.awssdk.services.kinesisvideo.model.NotificationConfiguration;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamEdgeConfigurationNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;
import software.amazon.awssdk.services.kinesisvideo.model.SyncStatus;
import software.amazon.awssdk.services.kinesisvideo.model.Tag;
import software.amazon.awssdk.services.kinesisvideo.model.TagsPerResourceExceededLimitException;
import software.amazon.awssdk.services.kinesisvideo.model.UpdateDataRetentionOperation;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;

/**
 * The rest of the control plane through the SDK v2 sync client: listing with a name prefix and
 * pages, retention changes, both tagging APIs and their limit, image generation and notification
 * configurations, storage tiers, edge configurations and signaling channel records.
 */
class VideoConfigurationsTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static KinesisVideoClient kvs;

  @BeforeAll
  static void client() {
    kvs = Clients.kinesisVideoWithoutRetries(rivulet.endpoint());
  }

  @AfterAll
  static void close() {
    kvs.close();
  }

  static StreamInfo describe(String name) {
    return kvs.describeStream(b -> b.streamName(name)).streamInfo();
  }

  @Test
  void listStreamsFiltersByPrefixAndPages() {
    for (String n : List.of("list-b", "list-a", "list-c", "other-x")) {
      kvs.createStream(b -> b.streamName(n));
    }
    List<String> names = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListStreamsResponse page = kvs.listStreams(b -> b.maxResults(2).nextToken(t)
          .streamNameCondition(c -> c.comparisonOperator(ComparisonOperator.BEGINS_WITH)
              .comparisonValue("list-")));
      page.streamInfoList().forEach(i -> names.add(i.streamName()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(names).containsExactly("list-a", "list-b", "list-c");
    assertThat(pages).isEqualTo(2);
    assertThat(kvs.listStreams(b -> b.build()).streamInfoList()).extracting(StreamInfo::streamName)
        .contains("list-a", "other-x").isSorted();
    assertThat(kvs.listStreamsPaginator(b -> b.maxResults(1)).streamInfoList().stream()
        .map(StreamInfo::streamName).toList()).contains("list-a", "list-b", "list-c", "other-x");
    assertThatThrownBy(() -> kvs.listStreams(b -> b.nextToken("bm90LW91cnM=")))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void dataRetentionGoesUpAndDownWithinLimits() {
    kvs.createStream(b -> b.streamName("retain").dataRetentionInHours(2));
    String v1 = describe("retain").version();
    kvs.updateDataRetention(b -> b.streamName("retain").currentVersion(v1)
        .operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION).dataRetentionChangeInHours(10));
    StreamInfo up = describe("retain");
    assertThat(up.dataRetentionInHours()).isEqualTo(12);
    assertThat(up.version()).isNotEqualTo(v1);
    assertThatThrownBy(() -> kvs.updateDataRetention(b -> b.streamName("retain").currentVersion(v1)
        .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION).dataRetentionChangeInHours(1)))
        .isInstanceOf(VersionMismatchException.class);
    assertThatThrownBy(() -> kvs.updateDataRetention(b -> b.streamName("retain")
        .currentVersion(up.version()).operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION)
        .dataRetentionChangeInHours(13)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("between 0 and 87600");
    assertThatThrownBy(() -> kvs.updateDataRetention(b -> b.streamName("retain")
        .currentVersion(up.version()).operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION)
        .dataRetentionChangeInHours(87_600)))
        .isInstanceOf(InvalidArgumentException.class);
    kvs.updateDataRetention(b -> b.streamARN(up.streamARN()).currentVersion(up.version())
        .operation(UpdateDataRetentionOperation.DECREASE_DATA_RETENTION).dataRetentionChangeInHours(12));
    assertThat(describe("retain").dataRetentionInHours()).isZero();
    assertThatThrownBy(() -> kvs.createStream(b -> b.streamName("too-long").dataRetentionInHours(87_601)))
        .isInstanceOf(InvalidArgumentException.class);
  }

  @Test
  void streamAndResourceTagsShareOneSetOfAtMostFifty() {
    String arn = kvs.createStream(b -> b.streamName("tagged").tags(Map.of("a", "1"))).streamARN();
    kvs.tagStream(b -> b.streamName("tagged").tags(Map.of("b", "2")));
    kvs.tagResource(b -> b.resourceARN(arn).tags(Tag.builder().key("c").value("3").build()));
    assertThat(kvs.listTagsForStream(b -> b.streamARN(arn)).tags())
        .isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
    kvs.untagResource(b -> b.resourceARN(arn).tagKeyList("a"));
    kvs.untagStream(b -> b.streamName("tagged").tagKeyList("b", "absent"));
    assertThat(kvs.listTagsForResource(b -> b.resourceARN(arn)).tags()).isEqualTo(Map.of("c", "3"));

    Map<String, String> many = new HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }
    kvs.tagStream(b -> b.streamName("tagged").tags(many));
    assertThatThrownBy(() -> kvs.tagStream(b -> b.streamName("tagged").tags(Map.of("one-more", "x"))))
        .isInstanceOf(TagsPerResourceExceededLimitException.class);
    assertThat(kvs.listTagsForStream(b -> b.streamName("tagged")).tags()).hasSize(50);
    assertThatThrownBy(() -> kvs.listTagsForResource(b -> b.resourceARN(
        "arn:aws:kinesisvideo:us-east-1:000000000000:stream/nothing/1700000000000")))
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void imageGenerationAndNotificationConfigurations() {
    kvs.createStream(b -> b.streamName("no-media"));
    ImageGenerationConfiguration images = ImageGenerationConfiguration.builder()
        .status(ConfigurationStatus.ENABLED).imageSelectorType(ImageSelectorType.SERVER_TIMESTAMP)
        .destinationConfig(d -> d.uri("s3://bucket/prefix").destinationRegion("us-east-1"))
        .samplingInterval(3000).format(Format.JPEG)
        .formatConfig(Map.of(FormatConfigKey.JPEG_QUALITY, "80")).widthPixels(320).heightPixels(240)
        .build();
    assertThatThrownBy(() -> kvs.updateImageGenerationConfiguration(b -> b.streamName("no-media")
        .imageGenerationConfiguration(images))).isInstanceOf(NoDataRetentionException.class);

    kvs.createStream(b -> b.streamName("images").dataRetentionInHours(1));
    assertThat(kvs.describeImageGenerationConfiguration(b -> b.streamName("images"))
        .imageGenerationConfiguration()).isNull();
    kvs.updateImageGenerationConfiguration(b -> b.streamName("images").imageGenerationConfiguration(images));
    assertThat(kvs.describeImageGenerationConfiguration(b -> b.streamName("images"))
        .imageGenerationConfiguration()).isEqualTo(images);
    assertThatThrownBy(() -> kvs.updateImageGenerationConfiguration(b -> b.streamName("images")
        .imageGenerationConfiguration(images.toBuilder().samplingInterval(100).build())))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("SamplingInterval");
    kvs.updateImageGenerationConfiguration(b -> b.streamName("images"));
    assertThat(kvs.describeImageGenerationConfiguration(b -> b.streamName("images"))
        .imageGenerationConfiguration()).isNull();

    NotificationConfiguration notes = NotificationConfiguration.builder()
        .status(ConfigurationStatus.ENABLED)
        .destinationConfig(d -> d.uri("arn:aws:sns:us-east-1:000000000000:topic")).build();
    kvs.updateNotificationConfiguration(b -> b.streamName("images").notificationConfiguration(notes));
    assertThat(kvs.describeNotificationConfiguration(b -> b.streamName("images"))
        .notificationConfiguration()).isEqualTo(notes);
    assertThatThrownBy(() -> kvs.updateNotificationConfiguration(b -> b.streamName("no-media")
        .notificationConfiguration(notes))).isInstanceOf(NoDataRetentionException.class);
  }

  @Test
  void storageTiersAndEdgeConfigurations() {
    kvs.createStream(b -> b.streamName("edge").dataRetentionInHours(1)
        .streamStorageConfiguration(c -> c.defaultStorageTier(DefaultStorageTier.WARM)));
    assertThat(kvs.describeStreamStorageConfiguration(b -> b.streamName("edge"))
        .streamStorageConfiguration().defaultStorageTier()).isEqualTo(DefaultStorageTier.WARM);
    kvs.updateStreamStorageConfiguration(b -> b.streamName("edge")
        .currentVersion(describe("edge").version())
        .streamStorageConfiguration(c -> c.defaultStorageTier(DefaultStorageTier.HOT)));
    assertThat(kvs.describeStreamStorageConfiguration(b -> b.streamName("edge"))
        .streamStorageConfiguration().defaultStorageTier()).isEqualTo(DefaultStorageTier.HOT);

    assertThatThrownBy(() -> kvs.describeEdgeConfiguration(b -> b.streamName("edge")))
        .isInstanceOf(StreamEdgeConfigurationNotFoundException.class);
    String hub = "arn:aws:iot:us-east-1:000000000000:thing/hub-1";
    EdgeConfig config = EdgeConfig.builder().hubDeviceArn(hub)
        .recorderConfig(r -> r.mediaSourceConfig(m -> m.mediaUriType(MediaUriType.RTSP_URI)
            .mediaUriSecretArn("arn:aws:secretsmanager:us-east-1:000000000000:secret:camera")))
        .build();
    assertThat(kvs.startEdgeConfigurationUpdate(b -> b.streamName("edge").edgeConfig(config))
        .syncStatus()).isEqualTo(SyncStatus.SYNCING);
    assertThat(kvs.describeEdgeConfiguration(b -> b.streamName("edge")).edgeConfig()).isEqualTo(config);
    assertThat(kvs.listEdgeAgentConfigurations(b -> b.hubDeviceArn(hub)).edgeConfigs())
        .singleElement().satisfies(e -> assertThat(e.streamName()).isEqualTo("edge"));
    kvs.deleteEdgeConfiguration(b -> b.streamName("edge"));
    assertThat(kvs.listEdgeAgentConfigurations(b -> b.hubDeviceArn(hub)).edgeConfigs()).isEmpty();
  }

  @Test
  void signalingChannelsAreRecordsWithoutSignaling() {
    String arn = kvs.createSignalingChannel(b -> b.channelName("chan")
        .singleMasterConfiguration(c -> c.messageTtlSeconds(30))
        .tags(Tag.builder().key("k").value("v").build())).channelARN();
    assertThat(arn).matches("arn:aws:kinesisvideo:us-east-1:000000000000:channel/chan/\\d{13}");
    var info = kvs.describeSignalingChannel(b -> b.channelName("chan")).channelInfo();
    assertThat(info.channelARN()).isEqualTo(arn);
    assertThat(info.singleMasterConfiguration().messageTtlSeconds()).isEqualTo(30);
    assertThat(info.channelTypeAsString()).isEqualTo("SINGLE_MASTER");
    assertThat(kvs.listSignalingChannels(b -> b.build()).channelInfoList()).hasSize(1);
    assertThat(kvs.listTagsForResource(b -> b.resourceARN(arn)).tags()).isEqualTo(Map.of("k", "v"));
    assertThatThrownBy(() -> kvs.createSignalingChannel(b -> b.channelName("chan")))
        .isInstanceOf(ResourceInUseException.class);
    kvs.updateSignalingChannel(b -> b.channelARN(arn).currentVersion(info.version())
        .singleMasterConfiguration(c -> c.messageTtlSeconds(90)));
    assertThat(kvs.describeSignalingChannel(b -> b.channelARN(arn)).channelInfo()
        .singleMasterConfiguration().messageTtlSeconds()).isEqualTo(90);
    assertThatThrownBy(() -> kvs.getSignalingChannelEndpoint(b -> b.channelARN(arn)))
        .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("WebRTC");

    String stream = kvs.createStream(b -> b.streamName("chan-media").dataRetentionInHours(1)).streamARN();
    assertThat(kvs.describeMediaStorageConfiguration(b -> b.channelARN(arn))
        .mediaStorageConfiguration().status()).isEqualTo(MediaStorageConfigurationStatus.DISABLED);
    kvs.updateMediaStorageConfiguration(b -> b.channelARN(arn).mediaStorageConfiguration(c -> c
        .streamARN(stream).status(MediaStorageConfigurationStatus.ENABLED)));
    assertThat(kvs.describeMappedResourceConfiguration(b -> b.streamARN(stream))
        .mappedResourceConfigurationList()).singleElement()
        .satisfies(m -> assertThat(m.arn()).isEqualTo(arn));
    assertThatThrownBy(() -> kvs.deleteSignalingChannel(b -> b.channelARN(arn).currentVersion("old")))
        .isInstanceOf(VersionMismatchException.class);
    kvs.deleteSignalingChannel(b -> b.channelARN(arn));
    assertThatThrownBy(() -> kvs.describeSignalingChannel(b -> b.channelARN(arn)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(kvs.describeMappedResourceConfiguration(b -> b.streamARN(stream))
        .mappedResourceConfigurationList()).isEmpty();
  }
}
