package io.rivulet.video.media;

import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoOperation;
import io.rivulet.video.VideoStats;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.store.FragmentStore;
import java.util.List;

/**
 * GetMediaForFragmentList ({@code POST /getMediaForFragmentList}, kinesis-video-archived-media):
 * the listed fragments (1..1000), in the order given, as {@link MediaChunks} in a streamed
 * {@code video/webm} body that ends after the last one ({@link ListSource}). A number the stream
 * does not hold is InvalidArgumentException, as AWS answers. Thread-safe.
 */
public final class GetMediaForFragmentList
    extends VideoOperation.Sync<GetMediaForFragmentList.Input, AwsResponse> {

  public record Input(String streamName, String streamARN, List<String> fragments) {}

  private final PlaybackStreams streams;
  private final FragmentStore store;
  private final ChunkStreams chunks;
  private final VideoStats stats;

  public GetMediaForFragmentList(PlaybackStreams streams, FragmentStore store,
      ChunkStreams chunks, VideoStats stats) {
    super(Input.class);
    this.streams = streams;
    this.store = store;
    this.chunks = chunks;
    this.stats = stats;
  }

  @Override
  protected AwsResponse call(Input in, VideoCall call) {
    VideoStreamCatalog.Stream stream = streams.resolve(call, in.streamName(), in.streamARN());
    for (String n : in.fragments()) {
      if (store.find(stream.streamArn(), n).isEmpty()) {
        throw VideoError.INVALID_ARGUMENT.with("Fragment numbers are invalid : " + n);
      }
    }
    return chunks.response(new ListSource(store, stream.streamArn(), in.fragments(),
        stats.stream(stream.streamArn())));
  }
}
