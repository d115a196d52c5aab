package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.SignalingChannels;

/** UpdateSignalingChannel: a new message TTL if CurrentVersion is the channel's. */
public final class UpdateSignalingChannel
    extends ChannelOperation<UpdateSignalingChannel.Input, StreamOperation.Empty> {

  public record Input(String channelARN, String currentVersion,
      SingleMaster singleMasterConfiguration) {}

  public UpdateSignalingChannel(SignalingChannels channels) {
    super(channels, Input.class);
  }

  @Override
  protected StreamOperation.Empty call(Input in, VideoCall call) {
    channels.change(call, null, in.channelARN(), c -> {
      SignalingChannels.checkVersion(c, in.currentVersion());
      Integer ttl = in.singleMasterConfiguration() == null ? null
          : in.singleMasterConfiguration().messageTtlSeconds();
      return c.withTtl(ttl == null ? c.messageTtlSeconds() : ttl,
          io.rivulet.video.control.VideoStreams.newVersion(), channels.updatingUntil());
    });
    return StreamOperation.EMPTY;
  }
}
