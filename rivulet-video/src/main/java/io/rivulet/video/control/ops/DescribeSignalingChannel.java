package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.SignalingChannels;

/** DescribeSignalingChannel: a channel's ChannelInfo by name or ARN. */
public final class DescribeSignalingChannel
    extends ChannelOperation<DescribeSignalingChannel.Input, DescribeSignalingChannel.Output> {

  public record Input(String channelName, String channelARN) {}

  public record Output(ChannelInfo channelInfo) {}

  public DescribeSignalingChannel(SignalingChannels channels) {
    super(channels, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    return new Output(ChannelInfo.of(channels.channel(call, in.channelName(), in.channelARN()),
        channels.clockMillis()));
  }
}
