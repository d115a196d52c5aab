package io.rivulet.video.media;

import io.rivulet.protocol.ServiceModel;
import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.video.RestJsonEndpoint;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoOperation;
import io.rivulet.video.VideoStats;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.images.FfmpegFrameDecoder;
import io.rivulet.video.images.FrameDecoder;
import io.rivulet.video.images.GetImages;
import io.rivulet.video.images.JcodecFrameDecoder;
import io.rivulet.video.store.FragmentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The playback endpoints for the video router: kinesis-video-media (GetMedia) and
 * kinesis-video-archived-media (ListFragments, GetMediaForFragmentList, GetImages), each a
 * {@link RestJsonEndpoint} over its derived service model, so requests are validated against the
 * model and, with {@code --auth}, verified for signing name {@code kinesisvideo} and authorised as
 * {@code kinesisvideo:<Operation>} on the stream's ARN. The server creates one over its catalog
 * and fragment store, adds {@link #endpoints()} to VideoService, and closes it on shutdown (its
 * reader and decoder threads). Thread-safe.
 */
public final class MediaEndpoints implements AutoCloseable {
  public static final String MEDIA_MODEL =
      "/io/rivulet/video/kinesis-video-media-2017-09-30.shapes.json";
  public static final String ARCHIVED_MODEL =
      "/io/rivulet/video/kinesis-video-archived-media-2017-09-30.shapes.json";
  /** How long a GetMedia response waits for a new fragment before it ends. */
  public static final Duration DEFAULT_IDLE = Duration.ofSeconds(3);
  static final String SIGNING_NAME = "kinesisvideo";

  private final ChunkStreams chunks;
  private final GetImages images;
  private final List<VideoEndpoint> endpoints;

  /**
   * @param access the server's access control ({@link AccessControl#off()}: accept everything)
   * @param stats the counters GetMedia and GetMediaForFragmentList add their output to (the
   *     control plane's, which {@code /metrics} exports)
   * @param idle how long GetMedia waits for a new fragment before it ends
   * @param decoder GetImages' frame decoder ({@link #decoder(String)})
   */
  public MediaEndpoints(VideoStreamCatalog catalog, FragmentStore store, AccessControl access,
      Clock clock, VideoStats stats, Duration idle, FrameDecoder decoder) {
    PlaybackStreams streams = new PlaybackStreams(catalog);
    this.chunks = new ChunkStreams(idle);
    this.images = new GetImages(streams, store, decoder);
    List<VideoOperation<?, ?>> media =
        List.of(new GetMedia(streams, store, chunks, clock, stats));
    List<VideoOperation<?, ?>> archived = List.of(new ListFragments(streams, store),
        new GetMediaForFragmentList(streams, store, chunks, stats), images);
    this.endpoints = List.of(
        new RestJsonEndpoint(ServiceModel.fromResource(MEDIA_MODEL), media,
            rules(streams, media), access),
        new RestJsonEndpoint(ServiceModel.fromResource(ARCHIVED_MODEL), archived,
            rules(streams, archived), access));
  }

  /** With the defaults: GetMedia ends after 3 s without a new fragment; jcodec decodes. */
  public MediaEndpoints(VideoStreamCatalog catalog, FragmentStore store, AccessControl access,
      Clock clock, VideoStats stats) {
    this(catalog, store, access, clock, stats, DEFAULT_IDLE, new JcodecFrameDecoder());
  }

  /** The endpoints to add to VideoService (after the control plane's). */
  public List<VideoEndpoint> endpoints() {
    return endpoints;
  }

  private static AccessRules rules(PlaybackStreams streams, List<VideoOperation<?, ?>> ops) {
    AccessRules.Builder b = AccessRules.builder(SIGNING_NAME, SIGNING_NAME, AuthErrors.Style.JSON);
    for (VideoOperation<?, ?> op : ops) {
      b.on(op.name(), (input, scope) -> List.of(streams.arnFor(input, scope)));
    }
    return b.build();
  }

  /**
   * A frame decoder by name: {@code jcodec} (the default, pure Java) or {@code ffmpeg} (the
   * {@code ffmpeg} binary on PATH; jcodec when it does not run), or {@code ffmpeg:/path/to/ffmpeg}.
   */
  public static FrameDecoder decoder(String name) {
    if (name == null || name.isEmpty() || "jcodec".equals(name)) {
      return new JcodecFrameDecoder();
    }
    if ("ffmpeg".equals(name) || name.startsWith("ffmpeg:")) {
      String binary = name.startsWith("ffmpeg:") ? name.substring("ffmpeg:".length()) : "ffmpeg";
      return FfmpegFrameDecoder.available(binary)
          ? new FfmpegFrameDecoder(binary, 30_000) : new JcodecFrameDecoder();
    }
    throw new IllegalArgumentException("unknown frame decoder " + name
        + " (jcodec, ffmpeg or ffmpeg:/path)");
  }

  /** Stops the reader and decoder threads. */
  @Override
  public void close() {
    chunks.close();
    images.close();
  }
}
