package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;
import java.util.List;

/**
 * ListStreams: the account's streams in the region by name, optionally those whose name begins
 * with a prefix, a page of MaxResults (default and most 10,000) and a NextToken to go on from.
 */
public final class ListStreams extends StreamOperation<ListStreams.Input, ListStreams.Output> {
  static final int DEFAULT_MAX = 10_000;

  public record NameCondition(String comparisonOperator, String comparisonValue) {}

  public record Input(Integer maxResults, String nextToken, NameCondition streamNameCondition) {}

  public record Output(List<StreamInfo> streamInfoList, String nextToken) {}

  public ListStreams(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    String prefix = in.streamNameCondition() == null ? null
        : in.streamNameCondition().comparisonValue();
    long now = streams.clockMillis();
    Pages.Page<StreamInfo> page = Pages.page(streams.list(call.accountId(), call.region()),
        StreamMeta::name, m -> prefix == null || m.name().startsWith(prefix), in.nextToken(),
        in.maxResults(), DEFAULT_MAX, m -> StreamInfo.of(m, now));
    return new Output(page.items(), page.nextToken());
  }
}
