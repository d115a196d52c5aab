package io.rivulet.video.media;

import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoOperation;
import io.rivulet.video.VideoStats;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.store.FragmentStore;
import java.time.Clock;
import java.time.Instant;

/**
 * GetMedia ({@code POST /getMedia}, kinesis-video-media): from the StartSelector's position
 * ({@link StartSelector}), every stored fragment and then each one persisted later, as
 * {@link MediaChunks} in a streamed {@code video/webm} body ({@link LiveSource}); the response ends
 * once no new fragment came for the idle time. Thread-safe.
 */
public final class GetMedia extends VideoOperation.Sync<GetMedia.Input, AwsResponse> {

  public record Selector(String startSelectorType, String afterFragmentNumber,
      Instant startTimestamp, String continuationToken) {}

  public record Input(String streamName, String streamARN, Selector startSelector) {}

  private final PlaybackStreams streams;
  private final FragmentStore store;
  private final ChunkStreams chunks;
  private final Clock clock;
  private final VideoStats stats;

  public GetMedia(PlaybackStreams streams, FragmentStore store, ChunkStreams chunks,
      Clock clock, VideoStats stats) {
    super(Input.class);
    this.streams = streams;
    this.store = store;
    this.chunks = chunks;
    this.clock = clock;
    this.stats = stats;
  }

  @Override
  protected AwsResponse call(Input in, VideoCall call) {
    Selector s = in.startSelector();
    StartSelector selector = new StartSelector(s.startSelectorType(), s.afterFragmentNumber(),
        s.startTimestamp(), s.continuationToken());
    VideoStreamCatalog.Stream stream = streams.resolve(call, in.streamName(), in.streamARN());
    StartSelector.Position start = selector.resolve(store, stream.streamArn());
    return chunks.response(new LiveSource(store, stream.streamArn(), start, clock,
        stats.stream(stream.streamArn())));
  }
}
