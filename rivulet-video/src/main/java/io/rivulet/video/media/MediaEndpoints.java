package io.rivulet.video.media;

import io.rivulet.protocol.auth.AccessControl;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.images.FfmpegFrameDecoder;
import io.rivulet.video.images.FrameDecoder;
import io.rivulet.video.images.GetImagesEndpoint;
import io.rivulet.video.images.JcodecFrameDecoder;
import io.rivulet.video.store.FragmentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The playback endpoints for the video router: GetMedia, GetMediaForFragmentList and
 * ListFragments ({@link MediaEndpoint}) and GetImages ({@link GetImagesEndpoint}). The server
 * creates them once over its catalog and fragment store, hands them to VideoService, and closes
 * them on shutdown. Stateless and thread-safe.
 */
public final class MediaEndpoints {
  private MediaEndpoints() {}

  /**
   * The endpoints with the defaults: GetMedia ends after 3 s without a new fragment, GetImages
   * decodes with jcodec.
   *
   * @param access the server's access control ({@link AccessControl#off()}: accept everything)
   */
  public static List<VideoEndpoint> create(VideoStreamCatalog catalog, FragmentStore store,
      AccessControl access, Clock clock) {
    return create(catalog, store, access, clock, MediaEndpoint.DEFAULT_IDLE, decoder("jcodec"));
  }

  /** The endpoints with a GetMedia idle time and a frame decoder of your choice. */
  public static List<VideoEndpoint> create(VideoStreamCatalog catalog, FragmentStore store,
      AccessControl access, Clock clock, Duration getMediaIdle, FrameDecoder decoder) {
    MediaAccess media = new MediaAccess(access);
    return List.of(new MediaEndpoint(catalog, media, store, clock, getMediaIdle),
        new GetImagesEndpoint(catalog, media, store, decoder));
  }

  /**
   * A frame decoder by name: {@code jcodec} (the default, pure Java) or {@code ffmpeg} (the
   * {@code ffmpeg} binary on PATH; falls back to jcodec when it does not run), or
   * {@code ffmpeg:/path/to/ffmpeg}.
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
}
