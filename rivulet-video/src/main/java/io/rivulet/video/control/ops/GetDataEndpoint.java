package io.rivulet.video.control.ops;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.video.VideoCall;
import io.rivulet.video.control.VideoStreams;
import java.util.function.Function;

/**
 * GetDataEndpoint: where the data-plane APIs of a stream are served. Rivulet serves every APIName
 * (PUT_MEDIA, GET_MEDIA, LIST_FRAGMENTS, GET_HLS_STREAMING_SESSION_URL, ...) itself, so the answer
 * is its own base URL as the caller reached it (http or https).
 */
public final class GetDataEndpoint
    extends StreamOperation<GetDataEndpoint.Input, GetDataEndpoint.Output> {

  public record Input(String streamName, String streamARN, String apiName) {}

  public record Output(String dataEndpoint) {}

  private final Function<AwsRequest, String> baseUrl;

  /** @param baseUrl the server's base URL as a request reached it ({@code http://host:port}) */
  public GetDataEndpoint(VideoStreams streams, Function<AwsRequest, String> baseUrl) {
    super(streams, Input.class);
    this.baseUrl = baseUrl;
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    streams.stream(call, in.streamName(), in.streamARN());
    return new Output(baseUrl.apply(call.request()));
  }
}
