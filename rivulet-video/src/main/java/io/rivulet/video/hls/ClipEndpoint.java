package io.rivulet.video.hls;

import io.rivulet.protocol.AwsRequest;
import io.rivulet.protocol.AwsResponse;
import io.rivulet.video.VideoEndpoint;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoException;
import io.rivulet.video.VideoStreamCatalog.Stream;
import io.rivulet.video.mp4.Mp4File;
import io.rivulet.video.mp4.Samples;
import io.rivulet.video.mp4.VideoTrack;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * GetClip ({@code POST /getClip}): the fragments whose selected timestamps fall in the range, at
 * most {@value #MAX_FRAGMENTS} and {@value #MAX_BYTES} bytes of media (AWS's limits), as one plain
 * MP4 ({@code Content-Type: video/mp4}) on the selected timeline, starting at zero. The video
 * track of the first fragment sets the codec; later fragments must carry the same codec private
 * data. Thread-safe.
 */
public final class ClipEndpoint implements VideoEndpoint {
  static final int MAX_FRAGMENTS = 200;
  static final long MAX_BYTES = 100L * 1024 * 1024;

  private final Sessions sessions;
  private final MediaSource media;

  public ClipEndpoint(Sessions sessions, MediaSource media) {
    this.sessions = sessions;
    this.media = media;
  }

  @Override
  public boolean accepts(AwsRequest r) {
    return "POST".equals(r.method()) && "/getClip".equals(r.path());
  }

  @Override
  public CompletableFuture<AwsResponse> handle(AwsRequest r) {
    try {
      return CompletableFuture.completedFuture(Http.media("video/mp4", clip(r)));
    } catch (VideoException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private byte[] clip(AwsRequest r) {
    JsonInput in = JsonInput.parse(r.body());
    String sel = "ClipFragmentSelector";
    if (in.node(sel) == null) {
      throw JsonInput.invalid("null", sel, "Member must not be null");
    }
    String kindName = in.enumValue(sel + ".FragmentSelectorType", Sessions.SELECTOR_TYPES, null);
    Instant start = in.timestamp(sel + ".TimestampRange.StartTimestamp");
    Instant end = in.timestamp(sel + ".TimestampRange.EndTimestamp");
    if (kindName == null) {
      throw JsonInput.invalid("null", "fragmentSelectorType", "Member must not be null");
    }
    if (start == null || end == null) {
      throw JsonInput.invalid("null", start == null ? "startTimestamp" : "endTimestamp",
          "Member must not be null");
    }
    if (!end.isAfter(start)) {
      throw VideoError.INVALID_ARGUMENT.with("EndTimestamp must be later than StartTimestamp.");
    }
    if (end.isAfter(start.plus(Duration.ofHours(24)))) {
      throw VideoError.INVALID_ARGUMENT.with("EndTimestamp must be within 24 hours of StartTimestamp.");
    }
    Stream stream = sessions.stream(r, "GetClip", in);
    if (stream.dataRetentionInHours() == 0) {
      throw VideoError.NO_DATA_RETENTION.with("The stream " + stream.streamName()
          + " does not retain data (DataRetentionInHours is 0).");
    }
    TimestampKind kind = TimestampKind.valueOf(kindName);
    List<FragmentInfo> infos = media.store().list(stream.streamArn(), kind, start, end, null, MAX_FRAGMENTS);
    if (infos.isEmpty()) {
      throw VideoError.RESOURCE_NOT_FOUND.with("No fragments found in the stream for the requested time range.");
    }
    return mux(stream.streamArn(), infos, kind);
  }

  private byte[] mux(String arn, List<FragmentInfo> infos, TimestampKind kind) {
    VideoTrack track = null;
    long trackNumber = 0;
    List<Frame> frames = new ArrayList<>();
    long bytes = 0;
    long end = Long.MIN_VALUE;
    for (FragmentInfo info : infos) {
      if (bytes + info.sizeBytes() > MAX_BYTES && track != null) {
        break;
      }
      Fragment f = media.fragment(arn, info.fragmentNumber());
      VideoTrack t = MediaSource.track(f);
      if (track == null) {
        track = t;
        trackNumber = MediaSource.videoTrack(f).number();
      } else if (!java.util.Arrays.equals(track.avc().raw(), t.avc().raw())) {
        break; // a clip holds one codec configuration: it ends where the producer changed it
      }
      frames.addAll(MediaSource.timedFrames(f, kind));
      bytes += info.sizeBytes();
      end = MediaSource.start(info, kind).toEpochMilli() + info.durationMillis();
    }
    return Mp4File.write(track, Samples.of(frames, trackNumber, end));
  }
}
