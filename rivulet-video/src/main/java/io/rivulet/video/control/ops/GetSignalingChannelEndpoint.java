package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.control.SignalingChannels;
import java.util.List;

/**
 * GetSignalingChannelEndpoint: Rivulet keeps signaling channels as records but serves no WebRTC
 * signaling (no WSS/HTTPS signaling endpoint, no TURN/STUN), so after checking the channel exists
 * it answers InvalidArgumentException saying so, rather than an endpoint nothing listens on.
 */
public final class GetSignalingChannelEndpoint
    extends ChannelOperation<GetSignalingChannelEndpoint.Input, GetSignalingChannelEndpoint.Output> {

  public record EndpointConfiguration(List<String> protocols, String role) {}

  public record Input(String channelARN, EndpointConfiguration singleMasterChannelEndpointConfiguration) {}

  public record Output(List<Object> resourceEndpointList) {}

  public GetSignalingChannelEndpoint(SignalingChannels channels) {
    super(channels, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    channels.channel(call, null, in.channelARN());
    throw VideoError.INVALID_ARGUMENT.with("Rivulet keeps signaling channels but does not serve"
        + " WebRTC signaling: there is no signaling endpoint for " + in.channelARN() + ".");
  }
}
