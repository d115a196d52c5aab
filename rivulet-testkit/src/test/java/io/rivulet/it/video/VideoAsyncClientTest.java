package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.testkit.Clients;
import io.rivulet.testkit.RivuletExtension;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoAsyncClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.ConfigurationStatus;
import software.amazon.awssdk.services.kinesisvideo.model.DefaultStorageTier;
import software.amazon.awssdk.services.kinesisvideo.model.Format;
import software.amazon.awssdk.services.kinesisvideo.model.ImageSelectorType;
import software.amazon.awssdk.services.kinesisvideo.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideo.model.MediaStorageConfigurationStatus;
import software.amazon.awssdk.services.kinesisvideo.model.MediaUriType;
import software.amazon.awssdk.services.kinesisvideo.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamEdgeConfigurationNotFoundException;
import software.amazon.awssdk.services.kinesisvideo.model.StreamInfo;
import software.amazon.awssdk.services.kinesisvideo.model.Tag;
import software.amazon.awssdk.services.kinesisvideo.model.UpdateDataRetentionOperation;
import software.amazon.awssdk.services.kinesisvideo.model.VersionMismatchException;

/** Every control-plane operation once through the SDK v2 async client (Netty), errors included. */
class VideoAsyncClientTest {
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();
  static KinesisVideoAsyncClient kvs;

  @BeforeAll
  static void client() {
    kvs = Clients.kinesisVideoAsync(rivulet.endpoint());
  }

  @AfterAll
  static void close() {
    kvs.close();
  }

  static StreamInfo describe(String name) {
    return kvs.describeStream(b -> b.streamName(name)).join().streamInfo();
  }

  static <T extends Throwable> void fails(Runnable call, Class<T> type) {
    assertThatThrownBy(call::run).isInstanceOf(CompletionException.class).cause().isInstanceOf(type);
  }

  @Test
  void streamOperations() {
    String arn = kvs.createStream(b -> b.streamName("async").dataRetentionInHours(1)
        .mediaType("video/h264")).join().streamARN();
    assertThat(describe("async").streamARN()).isEqualTo(arn);
    assertThat(kvs.listStreams(b -> b.maxResults(10)).join().streamInfoList())
        .extracting(StreamInfo::streamName).contains("async");
    assertThat(kvs.getDataEndpoint(b -> b.streamARN(arn).apiName(APIName.GET_HLS_STREAMING_SESSION_URL))
        .join().dataEndpoint()).isEqualTo(rivulet.endpoint().toString());
    kvs.updateStream(b -> b.streamName("async").currentVersion(describe("async").version())
        .deviceName("cam")).join();
    kvs.updateDataRetention(b -> b.streamName("async").currentVersion(describe("async").version())
        .operation(UpdateDataRetentionOperation.INCREASE_DATA_RETENTION).dataRetentionChangeInHours(5)).join();
    assertThat(describe("async").dataRetentionInHours()).isEqualTo(6);
    kvs.tagStream(b -> b.streamName("async").tags(Map.of("a", "1"))).join();
    kvs.tagResource(b -> b.resourceARN(arn).tags(Tag.builder().key("b").value("2").build())).join();
    kvs.untagStream(b -> b.streamName("async").tagKeyList("a")).join();
    assertThat(kvs.listTagsForStream(b -> b.streamName("async")).join().tags()).isEqualTo(Map.of("b", "2"));
    kvs.untagResource(b -> b.resourceARN(arn).tagKeyList("b")).join();
    assertThat(kvs.listTagsForResource(b -> b.resourceARN(arn)).join().tags()).isEmpty();

    kvs.updateImageGenerationConfiguration(b -> b.streamARN(arn).imageGenerationConfiguration(c -> c
        .status(ConfigurationStatus.DISABLED).imageSelectorType(ImageSelectorType.PRODUCER_TIMESTAMP)
        .destinationConfig(d -> d.uri("s3://b/p").destinationRegion("us-east-1"))
        .samplingInterval(1000).format(Format.PNG))).join();
    assertThat(kvs.describeImageGenerationConfiguration(b -> b.streamARN(arn)).join()
        .imageGenerationConfiguration().format()).isEqualTo(Format.PNG);
    kvs.updateNotificationConfiguration(b -> b.streamARN(arn).notificationConfiguration(c -> c
        .status(ConfigurationStatus.ENABLED).destinationConfig(d -> d.uri("arn:aws:sns:us-east-1:1:t")))).join();
    assertThat(kvs.describeNotificationConfiguration(b -> b.streamARN(arn)).join()
        .notificationConfiguration().status()).isEqualTo(ConfigurationStatus.ENABLED);
    kvs.updateStreamStorageConfiguration(b -> b.streamARN(arn).currentVersion(describe("async").version())
        .streamStorageConfiguration(c -> c.defaultStorageTier(DefaultStorageTier.WARM))).join();
    assertThat(kvs.describeStreamStorageConfiguration(b -> b.streamARN(arn)).join()
        .streamStorageConfiguration().defaultStorageTier()).isEqualTo(DefaultStorageTier.WARM);

    String hub = "arn:aws:iot:us-east-1:000000000000:thing/hub";
    kvs.startEdgeConfigurationUpdate(b -> b.streamARN(arn).edgeConfig(e -> e.hubDeviceArn(hub)
        .recorderConfig(r -> r.mediaSourceConfig(m -> m.mediaUriType(MediaUriType.FILE_URI)
            .mediaUriSecretArn("arn:aws:secretsmanager:us-east-1:000000000000:secret:file"))))).join();
    assertThat(kvs.describeEdgeConfiguration(b -> b.streamARN(arn)).join().edgeConfig().hubDeviceArn())
        .isEqualTo(hub);
    assertThat(kvs.listEdgeAgentConfigurations(b -> b.hubDeviceArn(hub)).join().edgeConfigs()).hasSize(1);
    kvs.deleteEdgeConfiguration(b -> b.streamARN(arn)).join();
    fails(() -> kvs.describeEdgeConfiguration(b -> b.streamARN(arn)).join(),
        StreamEdgeConfigurationNotFoundException.class);
    assertThat(kvs.describeMappedResourceConfiguration(b -> b.streamARN(arn)).join()
        .mappedResourceConfigurationList()).isEmpty();

    fails(() -> kvs.deleteStream(b -> b.streamARN(arn).currentVersion("nope")).join(),
        VersionMismatchException.class);
    kvs.deleteStream(b -> b.streamARN(arn)).join();
    fails(() -> kvs.describeStream(b -> b.streamARN(arn)).join(), ResourceNotFoundException.class);
  }

  @Test
  void channelOperations() {
    String arn = kvs.createSignalingChannel(b -> b.channelName("async-chan")).join().channelARN();
    String version = kvs.describeSignalingChannel(b -> b.channelARN(arn)).join().channelInfo().version();
    kvs.updateSignalingChannel(b -> b.channelARN(arn).currentVersion(version)
        .singleMasterConfiguration(c -> c.messageTtlSeconds(10))).join();
    assertThat(kvs.listSignalingChannels(b -> b.channelNameCondition(c -> c.comparisonValue("async")))
        .join().channelInfoList()).singleElement()
        .satisfies(c -> assertThat(c.singleMasterConfiguration().messageTtlSeconds()).isEqualTo(10));
    fails(() -> kvs.getSignalingChannelEndpoint(b -> b.channelARN(arn)).join(),
        InvalidArgumentException.class);
    String stream = kvs.createStream(b -> b.streamName("async-store").dataRetentionInHours(2)).join()
        .streamARN();
    kvs.updateMediaStorageConfiguration(b -> b.channelARN(arn).mediaStorageConfiguration(c -> c
        .status(MediaStorageConfigurationStatus.ENABLED).streamARN(stream))).join();
    assertThat(kvs.describeMediaStorageConfiguration(b -> b.channelName("async-chan")).join()
        .mediaStorageConfiguration().streamARN()).isEqualTo(stream);
    kvs.deleteSignalingChannel(b -> b.channelARN(arn)).join();
    fails(() -> kvs.describeSignalingChannel(b -> b.channelName("async-chan")).join(),
        ResourceNotFoundException.class);
  }
}
