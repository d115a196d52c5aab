package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.SignalingChannels;

/** DeleteSignalingChannel: by ARN, with an optional CurrentVersion check. */
public final class DeleteSignalingChannel
    extends ChannelOperation<DeleteSignalingChannel.Input, StreamOperation.Empty> {

  public record Input(String channelARN, String currentVersion) {}

  public DeleteSignalingChannel(SignalingChannels channels) {
    super(channels, Input.class);
  }

  @Override
  protected StreamOperation.Empty call(Input in, VideoCall call) {
    channels.delete(call, in.channelARN(), in.currentVersion());
    return StreamOperation.EMPTY;
  }
}
