package io.rivulet.video.images;

import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The picture a stream shows at an instant: the fragment whose [start, start + length) holds the
 * instant (start by producer or server timestamp), the last video frame of it whose time (the
 * fragment's start plus the frame's timecode offset from the fragment's first frame) is at or
 * before the instant, decoded from the keyframe before it. Keeps the last fragment read and the
 * last picture decoded, so instants sampled close together cost one read and one decode. One
 * GetImages page; not thread-safe.
 */
final class ImageSampler {
  static final String NO_MEDIA = "NO_MEDIA";
  static final String MEDIA_ERROR = "MEDIA_ERROR";
  private static final Duration MAX_FRAGMENT = Duration.ofSeconds(10);
  private static final int CANDIDATES = 200;

  private final FragmentStore store;
  private final String streamArn;
  private final TimestampKind kind;
  private final FrameDecoder decoder;
  private Fragment fragment;
  private String decodedKey;
  private BufferedImage decoded;
  /** The decoding pass under way: its fragment and keyframe, and the last frame it was fed. */
  private FrameDecoder.Session session;
  private String sessionKey;
  private int fedUpTo;

  ImageSampler(FragmentStore store, String streamArn, TimestampKind kind, FrameDecoder decoder) {
    this.store = store;
    this.streamArn = streamArn;
    this.kind = kind;
    this.decoder = decoder;
  }

  /** A picture, or an error (NO_MEDIA, MEDIA_ERROR) with a null picture. */
  record Sample(BufferedImage image, String error) {}

  Sample at(Instant t) {
    FragmentInfo info = covering(t);
    if (info == null) {
      return new Sample(null, NO_MEDIA);
    }
    try {
      if (fragment == null || !fragment.info().fragmentNumber().equals(info.fragmentNumber())) {
        fragment = store.read(streamArn, info.fragmentNumber());
      }
    } catch (IOException | RuntimeException e) {
      return new Sample(null, NO_MEDIA);
    }
    TrackInfo track = videoTrack(fragment);
    if (track == null) {
      return new Sample(null, MEDIA_ERROR);
    }
    List<Frame> frames = fragment.frames().stream()
        .filter(f -> f.trackNumber() == track.number()).toList();
    if (frames.isEmpty()) {
      return new Sample(null, NO_MEDIA);
    }
    long offset = t.toEpochMilli() - start(info).toEpochMilli();
    long base = frames.get(0).timecodeMillis();
    int target = 0;
    for (int i = 0; i < frames.size(); i++) {
      if (frames.get(i).timecodeMillis() - base <= offset) {
        target = i;
      }
    }
    int key = 0;
    for (int i = 0; i <= target; i++) {
      if (frames.get(i).keyframe()) {
        key = i;
      }
    }
    String cacheKey = info.fragmentNumber() + "/" + target;
    if (!cacheKey.equals(decodedKey)) {
      try {
        decoded = decode(track, frames, info.fragmentNumber() + "/k" + key, key, target);
        decodedKey = cacheKey;
      } catch (FrameDecoder.DecodeException e) {
        session = null;
        sessionKey = null;
        return new Sample(null, MEDIA_ERROR);
      }
    }
    return new Sample(decoded, null);
  }

  /** Frame {@code target}, continuing the pass under way when it started at the same keyframe. */
  private BufferedImage decode(TrackInfo track, List<Frame> frames, String passKey, int key,
      int target) throws FrameDecoder.DecodeException {
    if (session == null || !passKey.equals(sessionKey) || fedUpTo > target) {
      session = decoder.open(track);
      sessionKey = passKey;
      fedUpTo = key - 1;
    }
    for (int i = fedUpTo + 1; i <= target; i++) {
      session.feed(frames.get(i));
      fedUpTo = i;
    }
    return session.picture();
  }

  /** The stored fragment holding {@code t}, the newest if several do; null if none. */
  private FragmentInfo covering(Instant t) {
    List<FragmentInfo> candidates = store.list(streamArn, kind, t.minus(MAX_FRAGMENT), t, null,
        CANDIDATES);
    FragmentInfo found = null;
    for (FragmentInfo f : candidates) {
      Instant start = start(f);
      if (!start.isAfter(t) && start.plusMillis(Math.max(1, f.durationMillis())).isAfter(t)) {
        found = f;
      }
    }
    return found;
  }

  private Instant start(FragmentInfo f) {
    return kind == TimestampKind.SERVER_TIMESTAMP ? f.serverTimestamp() : f.producerTimestamp();
  }

  private TrackInfo videoTrack(Fragment f) {
    for (TrackInfo t : f.header().tracks()) {
      if (t.type() == 1 && decoder.supports(t)) {
        return t;
      }
    }
    return null;
  }
}
