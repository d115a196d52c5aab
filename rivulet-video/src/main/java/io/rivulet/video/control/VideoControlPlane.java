package io.rivulet.video.control;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.video.RestJsonEndpoint;
import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoOperation;
import io.rivulet.video.VideoStats;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.control.ops.CreateSignalingChannel;
import io.rivulet.video.control.ops.CreateStream;
import io.rivulet.video.control.ops.DeleteEdgeConfiguration;
import io.rivulet.video.control.ops.DeleteSignalingChannel;
import io.rivulet.video.control.ops.DescribeEdgeConfiguration;
import io.rivulet.video.control.ops.DescribeMappedResourceConfiguration;
import io.rivulet.video.control.ops.DescribeMediaStorageConfiguration;
import io.rivulet.video.control.ops.DescribeSignalingChannel;
import io.rivulet.video.control.ops.DescribeStreamStorageConfiguration;
import io.rivulet.video.control.ops.GetSignalingChannelEndpoint;
import io.rivulet.video.control.ops.ListEdgeAgentConfigurations;
import io.rivulet.video.control.ops.ListSignalingChannels;
import io.rivulet.video.control.ops.StartEdgeConfigurationUpdate;
import io.rivulet.video.control.ops.UpdateMediaStorageConfiguration;
import io.rivulet.video.control.ops.UpdateSignalingChannel;
import io.rivulet.video.control.ops.UpdateStreamStorageConfiguration;
import io.rivulet.video.control.ops.DeleteStream;
import io.rivulet.video.control.ops.DescribeImageGenerationConfiguration;
import io.rivulet.video.control.ops.DescribeNotificationConfiguration;
import io.rivulet.video.control.ops.DescribeStream;
import io.rivulet.video.control.ops.GetDataEndpoint;
import io.rivulet.video.control.ops.ListStreams;
import io.rivulet.video.control.ops.ListTagsForResource;
import io.rivulet.video.control.ops.ListTagsForStream;
import io.rivulet.video.control.ops.TagResource;
import io.rivulet.video.control.ops.TagStream;
import io.rivulet.video.control.ops.UntagResource;
import io.rivulet.video.control.ops.UntagStream;
import io.rivulet.video.control.ops.UpdateDataRetention;
import io.rivulet.video.control.ops.UpdateImageGenerationConfiguration;
import io.rivulet.video.control.ops.UpdateNotificationConfiguration;
import io.rivulet.video.control.ops.UpdateStream;
import io.rivulet.video.store.FragmentStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

/**
 * The Kinesis Video Streams control plane ({@code kinesisvideo}): the stream catalog, its durable
 * records under {@code <data-dir>/video/meta}, the operation table and its access rules (IAM
 * actions {@code kinesisvideo:<Operation>} on the stream's ARN), served as one {@link
 * RestJsonEndpoint}. Thread-safe.
 */
public final class VideoControlPlane implements TaggedResources {
  public static final String MODEL_RESOURCE = "/io/rivulet/video/kinesisvideo-2017-09-30.shapes.json";
  /**
   * How the console's service list names Kinesis Video Streams (rest-json has no {@code
   * X-Amz-Target} prefix; this is the one its SDKs would use).
   */
  public static final String CONSOLE_NAME = "KinesisVideo_20170930";
  /** The SigV4 signing name and IAM action prefix of every video API. */
  public static final String SIGNING_NAME = "kinesisvideo";

  private final VideoStreams streams;
  private final SignalingChannels channels;
  private final VideoStats stats;
  private final RestJsonEndpoint endpoint;

  /**
   * @param metaDir where the records live (null: in memory)
   * @param store the fragments DeleteStream drops (null: none wired yet)
   * @param access the server's access control
   * @param baseUrl the server's base URL as a request reached it (GetDataEndpoint's answer)
   */
  public VideoControlPlane(VideoConfig config, Clock clock, Path metaDir, FragmentStore store,
      AccessControl access, Function<AwsRequest, String> baseUrl) {
    this(config, clock, metaDir, store, new VideoStats(), access, baseUrl);
  }

  /** A control plane whose traffic counters are {@code stats} (shared with a metered store). */
  public VideoControlPlane(VideoConfig config, Clock clock, Path metaDir, FragmentStore store,
      VideoStats stats, AccessControl access, Function<AwsRequest, String> baseUrl) {
    this.stats = stats;
    this.streams = new VideoStreams(config, clock, metaDir, store);
    this.channels = new SignalingChannels(config, clock, metaDir);
    this.endpoint = new RestJsonEndpoint(ServiceModel.fromResource(MODEL_RESOURCE),
        operations(baseUrl), accessRules(), access);
  }

  private List<VideoOperation<?, ?>> operations(Function<AwsRequest, String> baseUrl) {
    List<VideoOperation<?, ?>> ops = new ArrayList<>();
    ops.add(new CreateStream(streams));
    ops.add(new DescribeStream(streams));
    ops.add(new ListStreams(streams));
    ops.add(new DeleteStream(streams));
    ops.add(new UpdateStream(streams));
    ops.add(new UpdateDataRetention(streams));
    ops.add(new GetDataEndpoint(streams, baseUrl));
    ops.add(new TagStream(streams));
    ops.add(new UntagStream(streams));
    ops.add(new ListTagsForStream(streams));
    ops.add(new TagResource(this));
    ops.add(new UntagResource(this));
    ops.add(new ListTagsForResource(this));
    ops.add(new UpdateImageGenerationConfiguration(streams));
    ops.add(new DescribeImageGenerationConfiguration(streams));
    ops.add(new UpdateNotificationConfiguration(streams));
    ops.add(new DescribeNotificationConfiguration(streams));
    ops.add(new DescribeStreamStorageConfiguration(streams));
    ops.add(new UpdateStreamStorageConfiguration(streams));
    ops.add(new StartEdgeConfigurationUpdate(streams));
    ops.add(new DescribeEdgeConfiguration(streams));
    ops.add(new DeleteEdgeConfiguration(streams));
    ops.add(new ListEdgeAgentConfigurations(streams));
    ops.add(new DescribeMappedResourceConfiguration(streams, channels));
    ops.add(new CreateSignalingChannel(channels));
    ops.add(new DescribeSignalingChannel(channels));
    ops.add(new ListSignalingChannels(channels));
    ops.add(new UpdateSignalingChannel(channels));
    ops.add(new DeleteSignalingChannel(channels));
    ops.add(new GetSignalingChannelEndpoint(channels));
    ops.add(new DescribeMediaStorageConfiguration(channels));
    ops.add(new UpdateMediaStorageConfiguration(channels, streams));
    return ops;
  }

  /** IAM: each operation needs {@code kinesisvideo:<Operation>} on the stream (or resource) ARN. */
  private AccessRules accessRules() {
    AccessRules.Builder b = AccessRules.builder(SIGNING_NAME, SIGNING_NAME, AuthErrors.Style.JSON);
    for (String op : List.of("CreateStream", "DescribeStream", "DeleteStream", "UpdateStream",
        "UpdateDataRetention", "GetDataEndpoint", "TagStream", "UntagStream", "ListTagsForStream",
        "UpdateImageGenerationConfiguration", "DescribeImageGenerationConfiguration",
        "UpdateNotificationConfiguration", "DescribeNotificationConfiguration",
        "DescribeStreamStorageConfiguration", "UpdateStreamStorageConfiguration",
        "StartEdgeConfigurationUpdate", "DescribeEdgeConfiguration", "DeleteEdgeConfiguration",
        "DescribeMappedResourceConfiguration")) {
      b.on(op, (input, scope) -> List.of(streamArn(input, scope)));
    }
    for (String op : List.of("CreateSignalingChannel", "DescribeSignalingChannel",
        "UpdateSignalingChannel", "DeleteSignalingChannel", "GetSignalingChannelEndpoint",
        "DescribeMediaStorageConfiguration", "UpdateMediaStorageConfiguration")) {
      b.on(op, (input, scope) -> List.of(channelArn(input, scope)));
    }
    for (String op : List.of("TagResource", "UntagResource", "ListTagsForResource")) {
      b.on(op, (input, scope) -> input.get("ResourceARN") instanceof String arn
          ? List.of(arn) : List.of());
    }
    return b.build();
  }

  /** The ARN a request names: as given, else the existing stream's, else {@code .../stream/<name>/*}. */
  private String streamArn(Map<String, Object> input, AccessRules.Scope scope) {
    if (input.get("StreamARN") instanceof String arn) {
      return arn;
    }
    if (!(input.get("StreamName") instanceof String name)) {
      return "*";
    }
    return streams.find(scope.account(), scope.region(), name, null)
        .map(VideoStreamCatalog.Stream::streamArn)
        .orElse("arn:aws:kinesisvideo:" + scope.region() + ":" + scope.account() + ":stream/"
            + name + "/*");
  }

  /** The ARN a channel request names: as given, else the existing channel's, else a pattern. */
  private String channelArn(Map<String, Object> input, AccessRules.Scope scope) {
    if (input.get("ChannelARN") instanceof String arn) {
      return arn;
    }
    if (!(input.get("ChannelName") instanceof String name)) {
      return "*";
    }
    return channels.list(scope.account(), scope.region()).stream()
        .filter(c -> c.name().equals(name)).map(ChannelMeta::arn).findFirst()
        .orElse("arn:aws:kinesisvideo:" + scope.region() + ":" + scope.account() + ":channel/"
            + name + "/*");
  }

  /** The signaling channels (records only). */
  public SignalingChannels channels() {
    return channels;
  }

  /** The streams; also the {@link VideoStreamCatalog} ingest and playback read. */
  public VideoStreams streams() {
    return streams;
  }

  /** The traffic counters the data-plane endpoints increment and {@code /metrics} exports. */
  public VideoStats stats() {
    return stats;
  }

  /** The control plane's operations, for the video router. */
  public RestJsonEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public Map<String, String> tags(VideoCall call, String arn) {
    return SignalingChannels.isChannelArn(arn) ? channels.channel(call, null, arn).tags()
        : streamOf(arn, call).tags();
  }

  @Override
  public void retag(VideoCall call, String arn, UnaryOperator<Map<String, String>> change) {
    if (SignalingChannels.isChannelArn(arn)) {
      channels.change(call, null, arn, c -> c.withTags(change.apply(c.tags())));
      return;
    }
    streamOf(arn, call);
    streams.change(call, null, arn, false, m -> m.withTags(change.apply(m.tags())));
  }

  private StreamMeta streamOf(String arn, VideoCall call) {
    Matcher m = VideoStreams.parseArn(arn);
    if (m == null) {
      throw VideoError.RESOURCE_NOT_FOUND.with("The resource " + arn + " does not exist.");
    }
    return streams.stream(call, null, arn);
  }
}
