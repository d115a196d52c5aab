package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;
import java.util.List;

/** ListEdgeAgentConfigurations: the edge configurations naming a hub device, by stream name. */
public final class ListEdgeAgentConfigurations extends
    StreamOperation<ListEdgeAgentConfigurations.Input, ListEdgeAgentConfigurations.Output> {
  static final int DEFAULT_MAX = 10;

  public record Input(String hubDeviceArn, Integer maxResults, String nextToken) {}

  public record Output(List<EdgeConfigurations> edgeConfigs, String nextToken) {}

  public ListEdgeAgentConfigurations(VideoStreams streams) {
    super(streams, Input.class);
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    Pages.Page<EdgeConfigurations> page = Pages.page(streams.list(call.accountId(), call.region()),
        StreamMeta::name, m -> m.edgeConfig() != null
            && in.hubDeviceArn().equals(m.edgeConfig().get("HubDeviceArn")),
        in.nextToken(), in.maxResults(), DEFAULT_MAX, EdgeConfigurations::of);
    return new Output(page.items(), page.nextToken());
  }
}
