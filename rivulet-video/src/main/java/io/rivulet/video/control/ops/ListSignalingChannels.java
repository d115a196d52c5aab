package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.ChannelMeta;
import io.rivulet.video.control.SignalingChannels;
import java.util.List;

/** ListSignalingChannels: the account's channels by name, with a name prefix and paging. */
public final class ListSignalingChannels
    extends ChannelOperation<ListSignalingChannels.Input, ListSignalingChannels.Output> {

  public record Input(Integer maxResults, String nextToken,
      ListStreams.NameCondition channelNameCondition) {}

  public record Output(List<ChannelInfo> channelInfoList, String nextToken) {}

  public ListSignalingChannels(SignalingChannels channels) {
    super(channels, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    String prefix = in.channelNameCondition() == null ? null
        : in.channelNameCondition().comparisonValue();
    long now = channels.clockMillis();
    Pages.Page<ChannelInfo> page = Pages.page(channels.list(call.accountId(), call.region()),
        ChannelMeta::name, c -> prefix == null || c.name().startsWith(prefix), in.nextToken(),
        in.maxResults(), ListStreams.DEFAULT_MAX, c -> ChannelInfo.of(c, now));
    return new Output(page.items(), page.nextToken());
  }
}
