package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.SignalingChannels;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;
import java.util.List;

/** DescribeMappedResourceConfiguration: the signaling channel whose media a stream stores, if any. */
public final class DescribeMappedResourceConfiguration extends
    StreamOperation<DescribeMappedResourceConfiguration.Input, DescribeMappedResourceConfiguration.Output> {
  private final SignalingChannels channels;

  public record Input(String streamName, String streamARN, Integer maxResults, String nextToken) {}

  public record Item(String type, String aRN) {}

  public record Output(List<Item> mappedResourceConfigurationList, String nextToken) {}

  public DescribeMappedResourceConfiguration(VideoStreams streams, SignalingChannels channels) {
    super(streams, Input.class);
    this.channels = channels;
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    StreamMeta s = streams.stream(call, in.streamName(), in.streamARN());
    List<Item> items = channels.list(call.accountId(), call.region()).stream()
        .filter(c -> c.mediaStorageEnabled() && s.arn().equals(c.mediaStorageStreamArn()))
        .map(c -> new Item("SIGNALING_CHANNEL", c.arn())).limit(1).toList();
    return new Output(items, null);
  }
}
