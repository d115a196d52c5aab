package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.ChannelMeta;
import io.rivulet.video.control.SignalingChannels;

/** DescribeMediaStorageConfiguration: a channel's media storage setting (DISABLED by default). */
public final class DescribeMediaStorageConfiguration extends
    ChannelOperation<DescribeMediaStorageConfiguration.Input, DescribeMediaStorageConfiguration.Output> {

  public record Input(String channelName, String channelARN) {}

  public record Output(MediaStorage mediaStorageConfiguration) {}

  public DescribeMediaStorageConfiguration(SignalingChannels channels) {
    super(channels, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    ChannelMeta c = channels.channel(call, in.channelName(), in.channelARN());
    return new Output(new MediaStorage(c.mediaStorageStreamArn(),
        c.mediaStorageEnabled() ? "ENABLED" : "DISABLED"));
  }
}
