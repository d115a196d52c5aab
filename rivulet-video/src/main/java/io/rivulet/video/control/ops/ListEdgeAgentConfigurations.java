package io.rivulet.video.control.ops;

import io.rivulet.video.VideoCall;
import io.rivulet.video.control.StreamMeta;
import io.rivulet.video.control.VideoStreams;
import java.util.ArrayList;
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
    int max = in.maxResults() == null ? DEFAULT_MAX : in.maxResults();
    String after = in.nextToken() == null || in.nextToken().isEmpty() ? null
        : ListStreams.decode(in.nextToken());
    List<EdgeConfigurations> page = new ArrayList<>();
    String next = null;
    for (StreamMeta m : streams.list(call.accountId(), call.region())) {
      if (m.edgeConfig() == null || !in.hubDeviceArn().equals(m.edgeConfig().get("HubDeviceArn"))
          || (after != null && m.name().compareTo(after) <= 0)) {
        continue;
      }
      if (page.size() == max) {
        next = ListStreams.encode(page.get(page.size() - 1).streamName());
        break;
      }
      page.add(EdgeConfigurations.of(m));
    }
    return new Output(page, next);
  }
}
