package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.SignalingChannels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CreateSignalingChannel: a channel record (SINGLE_MASTER by default, message TTL 60 s). */
public final class CreateSignalingChannel
    extends ChannelOperation<CreateSignalingChannel.Input, CreateSignalingChannel.Output> {

  public record Input(String channelName, String channelType,
      SingleMaster singleMasterConfiguration, List<TagResource.Tag> tags) {}

  public record Output(String channelARN) {}

  public CreateSignalingChannel(SignalingChannels channels) {
    super(channels, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (in.tags() != null) {
      in.tags().forEach(t -> tags.put(t.key(), t.value()));
    }
    Integer ttl = in.singleMasterConfiguration() == null ? null
        : in.singleMasterConfiguration().messageTtlSeconds();
    return new Output(channels.create(call, in.channelName(), in.channelType(), ttl, tags).arn());
  }
}
