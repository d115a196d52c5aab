package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.ChannelMeta;
import io.rivulet.video.control.SignalingChannels;
import java.util.ArrayList;
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
    int max = in.maxResults() == null ? ListStreams.DEFAULT_MAX : in.maxResults();
    String after = in.nextToken() == null || in.nextToken().isEmpty() ? null
        : ListStreams.decode(in.nextToken());
    String prefix = in.channelNameCondition() == null ? null
        : in.channelNameCondition().comparisonValue();
    long now = channels.clockMillis();
    List<ChannelInfo> page = new ArrayList<>();
    String next = null;
    for (ChannelMeta c : channels.list(call.accountId(), call.region())) {
      if ((after != null && c.name().compareTo(after) <= 0)
          || (prefix != null && !c.name().startsWith(prefix))) {
        continue;
      }
      if (page.size() == max) {
        next = ListStreams.encode(page.get(page.size() - 1).channelName());
        break;
      }
      page.add(ChannelInfo.of(c, now));
    }
    return new Output(page, next);
  }
}
