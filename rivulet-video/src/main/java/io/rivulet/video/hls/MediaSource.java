package io.rivulet.video.hls;

import io.rivulet.video.VideoError;
import io.rivulet.video.mp4.FragmentedMp4;
import io.rivulet.video.mp4.MpegTs;
import io.rivulet.video.mp4.Samples;
import io.rivulet.video.mp4.VideoTrack;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.Frame;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import io.rivulet.video.store.FragmentStore.TrackInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stored fragments remuxed for players: the H.264 track checked as AWS checks it, frames moved
 * onto the session's timeline (the fragment's producer or server timestamp plus each frame's
 * offset in the fragment), fMP4 init and media segments and TS segments. Recent results are kept
 * in a small least-recently-used cache bounded in bytes, since every player of a live stream
 * asks for the same newest fragments. Thread-safe.
 */
public final class MediaSource {
  private static final BigInteger MOD32 = BigInteger.ONE.shiftLeft(32);

  private final FragmentStore store;
  private final long cacheBytes;
  private final Map<String, byte[]> cache = new LinkedHashMap<>(64, 0.75f, true);
  private long cached;

  /** Remuxes fragments of {@code store}, keeping up to {@code cacheBytes} of results. */
  public MediaSource(FragmentStore store, long cacheBytes) {
    this.store = store;
    this.cacheBytes = cacheBytes;
  }

  public FragmentStore store() {
    return store;
  }

  /** A stored fragment whole; ResourceNotFoundException when it is not (or no longer) stored. */
  public Fragment fragment(String streamArn, String fragmentNumber) {
    if (store.find(streamArn, fragmentNumber).isEmpty()) {
      throw VideoError.RESOURCE_NOT_FOUND.with("Fragment " + fragmentNumber + " was not found in the stream.");
    }
    try {
      return store.read(streamArn, fragmentNumber);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The fragment's H.264 track (the header's first video track), or the AWS error: track not
   * H.264 (UnsupportedStreamMediaTypeException), no avcC (MissingCodecPrivateDataException),
   * an avcC that does not parse (InvalidCodecPrivateDataException).
   */
  public static TrackInfo videoTrack(Fragment f) {
    List<TrackInfo> tracks = f.header().tracks();
    TrackInfo t = tracks.isEmpty() ? null : tracks.get(0);
    if (t == null || !isH264(t.codecId())) {
      throw VideoError.UNSUPPORTED_STREAM_MEDIA_TYPE.with("The codec ID of track 1 must be V_MPEG/ISO/AVC;"
          + " found " + (t == null ? "no tracks" : t.codecId()) + ".");
    }
    if (t.codecPrivate() == null || t.codecPrivate().length == 0) {
      throw VideoError.MISSING_CODEC_PRIVATE_DATA.with("No codec private data was found in track "
          + t.number() + " of fragment " + f.info().fragmentNumber() + ".");
    }
    return t;
  }

  private static boolean isH264(String codecId) {
    return VideoTrack.H264_CODEC_ID.equals(codecId) || "V_MPEG/ISO/AVC".equals(codecId);
  }

  /** The muxers' view of the fragment's video track. */
  public static VideoTrack track(Fragment f) {
    TrackInfo t = videoTrack(f);
    try {
      return VideoTrack.of(t);
    } catch (IllegalArgumentException e) {
      throw VideoError.INVALID_CODEC_PRIVATE_DATA.with("The codec private data of track " + t.number()
          + " is not a valid AVCDecoderConfigurationRecord: " + e.getMessage());
    }
  }

  /** The fragment's start on a {@code kind} timeline. */
  public static Instant start(FragmentInfo info, TimestampKind kind) {
    return kind == TimestampKind.PRODUCER_TIMESTAMP ? info.producerTimestamp()
        : info.serverTimestamp();
  }

  /** The video samples of {@code f}, timed on the {@code kind} timeline. */
  public static Samples samples(Fragment f, TimestampKind kind) {
    return Samples.of(timedFrames(f, kind), videoTrack(f).number(),
        start(f.info(), kind).toEpochMilli() + f.info().durationMillis());
  }

  /** The fragment's frames moved so that its first frame starts at the fragment's timestamp. */
  public static List<Frame> timedFrames(Fragment f, TimestampKind kind) {
    long track = videoTrack(f).number();
    long first = Long.MIN_VALUE;
    for (Frame fr : f.frames()) {
      if (fr.trackNumber() == track) {
        first = fr.timecodeMillis();
        break;
      }
    }
    if (first == Long.MIN_VALUE) {
      throw VideoError.INVALID_MEDIA_FRAME.with("Fragment " + f.info().fragmentNumber()
          + " has no frames in track " + track + ".");
    }
    long shift = start(f.info(), kind).toEpochMilli() - first;
    List<Frame> out = new ArrayList<>(f.frames().size());
    for (Frame fr : f.frames()) {
      out.add(new Frame(fr.trackNumber(), fr.timecodeMillis() + shift, fr.keyframe(), fr.data()));
    }
    return out;
  }

  /** The fMP4 initialisation segment for the header {@code fragmentNumber} was sent under. */
  public byte[] init(String streamArn, String fragmentNumber) {
    return cached("init|" + streamArn + "|" + fragmentNumber,
        () -> FragmentedMp4.initSegment(track(fragment(streamArn, fragmentNumber))));
  }

  /** The fMP4 media segment of one fragment. */
  public byte[] mp4Fragment(String streamArn, String fragmentNumber, TimestampKind kind) {
    return cached("mp4|" + kind + "|" + streamArn + "|" + fragmentNumber, () -> {
      Fragment f = fragment(streamArn, fragmentNumber);
      track(f);
      return FragmentedMp4.mediaSegment(sequence(fragmentNumber), samples(f, kind));
    });
  }

  /** The MPEG-TS segment of one fragment. */
  public byte[] tsFragment(String streamArn, String fragmentNumber, TimestampKind kind) {
    return cached("ts|" + kind + "|" + streamArn + "|" + fragmentNumber, () -> {
      Fragment f = fragment(streamArn, fragmentNumber);
      return MpegTs.segment(track(f), samples(f, kind));
    });
  }

  /** mfhd sequence numbers: the fragment number modulo 2^32, so they grow with the stream. */
  private static long sequence(String fragmentNumber) {
    try {
      return new BigInteger(fragmentNumber).mod(MOD32).longValue();
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private byte[] cached(String key, Supplier<byte[]> make) {
    synchronized (cache) {
      byte[] hit = cache.get(key);
      if (hit != null) {
        return hit;
      }
    }
    byte[] made = make.get();
    synchronized (cache) {
      byte[] old = cache.put(key, made);
      cached += made.length - (old == null ? 0 : old.length);
      var it = cache.entrySet().iterator();
      while (cached > cacheBytes && it.hasNext()) {
        cached -= it.next().getValue().length;
        it.remove();
      }
    }
    return made;
  }
}
