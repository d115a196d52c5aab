package io.rivulet.video.hls;

import io.rivulet.video.mp4.VideoTrack;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.Frame;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The text of HLS master and media playlists as Kinesis Video Streams writes them (RFC 8216):
 * relative URIs with the session token, one video track ({@code TrackNumber=1}), EXT-X-MAP for
 * fMP4 (again whenever the codec private data changes), EXT-X-DISCONTINUITY per the session's
 * mode, EXT-X-PROGRAM-DATE-TIME when displayed, VOD + ENDLIST for ON_DEMAND. Stateless.
 */
final class HlsPlaylists {
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private HlsPlaylists() {}

  /** The master playlist: one variant, described from {@code sample}'s track and size. */
  static String master(PlaybackSession s, String token, Fragment sample) {
    VideoTrack track = MediaSource.track(sample);
    long trackNumber = MediaSource.videoTrack(sample).number();
    FragmentInfo info = sample.info();
    double seconds = Math.max(info.durationMillis(), 1) / 1000.0;
    long bandwidth = Math.max(1, Math.round(info.sizeBytes() * 8 / seconds));
    long frames = sample.frames().stream().map(Frame::trackNumber).filter(n -> n == trackNumber).count();
    StringBuilder b = new StringBuilder("#EXTM3U\n");
    b.append("#EXT-X-VERSION:").append(s.tsContainer() ? 3 : 7).append('\n');
    b.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
    b.append("#EXT-X-STREAM-INF:CODECS=\"").append(track.avc().codecString()).append('"');
    if (track.width() > 0 && track.height() > 0) {
      b.append(",RESOLUTION=").append(track.width()).append('x').append(track.height());
    }
    if (frames > 1) {
      b.append(String.format(Locale.ROOT, ",FRAME-RATE=%.3f", frames / seconds));
    }
    b.append(",BANDWIDTH=").append(bandwidth).append('\n');
    b.append("getHLSMediaPlaylist.m3u8?SessionToken=").append(token).append("&TrackNumber=1\n");
    return b.toString();
  }

  /** A media playlist listing {@code entries} (oldest first). */
  static String media(PlaybackSession s, String token, List<SessionTimelines.Entry> entries,
      boolean complete) {
    long target = 1;
    for (SessionTimelines.Entry e : entries) {
      target = Math.max(target, (e.info().durationMillis() + 999) / 1000);
    }
    StringBuilder b = new StringBuilder("#EXTM3U\n");
    b.append("#EXT-X-VERSION:").append(s.tsContainer() ? 3 : 7).append('\n');
    b.append("#EXT-X-TARGETDURATION:").append(target).append('\n');
    b.append("#EXT-X-MEDIA-SEQUENCE:").append(entries.isEmpty() ? 0 : entries.get(0).sequence()).append('\n');
    if (!entries.isEmpty() && entries.get(0).discontinuitiesBefore() > 0) {
      b.append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(entries.get(0).discontinuitiesBefore()).append('\n');
    }
    if (s.onDemand()) {
      b.append("#EXT-X-PLAYLIST-TYPE:VOD\n");
    }
    b.append("#EXT-X-INDEPENDENT-SEGMENTS\n");
    long header = Long.MIN_VALUE;
    for (SessionTimelines.Entry e : entries) {
      FragmentInfo f = e.info();
      if (e.discontinuity()) {
        b.append("#EXT-X-DISCONTINUITY\n");
      }
      if (!s.tsContainer() && f.headerId() != header) {
        header = f.headerId();
        b.append("#EXT-X-MAP:URI=\"getMP4InitFragment.mp4?SessionToken=").append(token)
            .append("&TrackNumber=1&FragmentNumber=").append(f.fragmentNumber()).append("\"\n");
      }
      if (s.displayTimestamp()) {
        Instant at = MediaSource.start(f, s.kind());
        b.append("#EXT-X-PROGRAM-DATE-TIME:").append(DATE_TIME.format(at)).append('\n');
      }
      b.append(String.format(Locale.ROOT, "#EXTINF:%.3f,", f.durationMillis() / 1000.0)).append('\n');
      if (s.tsContainer()) {
        b.append("getTSFragment.ts?FragmentNumber=").append(f.fragmentNumber())
            .append("&SessionToken=").append(token).append('\n');
      } else {
        b.append("getMP4MediaFragment.mp4?FragmentNumber=").append(f.fragmentNumber())
            .append("&SessionToken=").append(token).append("&TrackNumber=1\n");
      }
    }
    if (complete) {
      b.append("#EXT-X-ENDLIST\n");
    }
    return b.toString();
  }
}
