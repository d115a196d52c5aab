package io.rivulet.video.hls;

import io.rivulet.video.mp4.VideoTrack;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The MPEG-DASH manifest (ISO/IEC 23009-1, isoff-live profile) of a session: one period, one
 * video representation whose SegmentTemplate names segments by their session sequence number
 * ({@code $Number$}) and whose SegmentTimeline gives each fragment's start and duration in
 * milliseconds on the session's timeline; {@code kvs:fn} / {@code kvs:ts} attributes when asked
 * for. ON_DEMAND is a static presentation starting at its first fragment; LIVE and LIVE_REPLAY
 * are dynamic, on a wall-clock timeline from the epoch, refreshed every second. Stateless.
 */
final class DashManifest {
  private static final String KVS_NS = "https://kinesisvideo.amazonaws.com/dash/kvs";

  private DashManifest() {}

  static String render(PlaybackSession s, String token, Fragment sample,
      List<SessionTimelines.Entry> entries, boolean complete, Instant now) {
    VideoTrack track = MediaSource.track(sample);
    FragmentInfo info = sample.info();
    long bandwidth = Math.max(1, info.sizeBytes() * 8000 / Math.max(1, info.durationMillis()));
    boolean dynamic = !s.onDemand() && !complete;
    long first = entries.isEmpty() ? 0 : MediaSource.start(entries.get(0).info(), s.kind()).toEpochMilli();
    long total = 0;
    for (SessionTimelines.Entry e : entries) {
      total += e.info().durationMillis();
    }
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" xmlns:kvs=\"").append(KVS_NS)
        .append("\" profiles=\"urn:mpeg:dash:profile:isoff-live:2011\" minBufferTime=\"PT2S\"");
    if (dynamic) {
      b.append(" type=\"dynamic\" availabilityStartTime=\"1970-01-01T00:00:00Z\" publishTime=\"")
          .append(DateTimeFormatter.ISO_INSTANT.format(now))
          .append("\" minimumUpdatePeriod=\"PT1S\" timeShiftBufferDepth=\"")
          .append(seconds(Math.max(total, 1000))).append("\" suggestedPresentationDelay=\"PT3S\">\n");
    } else {
      b.append(" type=\"static\" mediaPresentationDuration=\"").append(seconds(total)).append("\">\n");
    }
    b.append(" <Period id=\"0\" start=\"PT0S\">\n");
    b.append("  <AdaptationSet mimeType=\"video/mp4\" contentType=\"video\" segmentAlignment=\"true\""
        + " startWithSAP=\"1\">\n");
    b.append("   <Representation id=\"1\" codecs=\"").append(track.avc().codecString())
        .append("\" bandwidth=\"").append(bandwidth).append('"');
    if (track.width() > 0) {
      b.append(" width=\"").append(track.width()).append("\" height=\"").append(track.height()).append('"');
    }
    b.append(">\n");
    b.append("    <SegmentTemplate timescale=\"1000\" presentationTimeOffset=\"")
        .append(dynamic ? 0 : first).append("\" startNumber=\"")
        .append(entries.isEmpty() ? 0 : entries.get(0).sequence())
        .append("\" initialization=\"getMP4InitFragment.mp4?SessionToken=").append(token)
        .append("&amp;TrackNumber=1\" media=\"getMP4MediaFragment.mp4?SessionToken=").append(token)
        .append("&amp;TrackNumber=1&amp;SequenceNumber=$Number$\">\n");
    b.append("     <SegmentTimeline>\n");
    for (SessionTimelines.Entry e : entries) {
      FragmentInfo f = e.info();
      Instant at = MediaSource.start(f, s.kind());
      b.append("      <S t=\"").append(at.toEpochMilli()).append("\" d=\"").append(f.durationMillis()).append('"');
      if (s.displayFragmentNumber()) {
        b.append(" kvs:fn=\"").append(f.fragmentNumber()).append('"');
      }
      if (s.displayTimestamp()) {
        b.append(" kvs:ts=\"").append(at.toEpochMilli()).append('"');
      }
      b.append("/>\n");
    }
    b.append("     </SegmentTimeline>\n    </SegmentTemplate>\n   </Representation>\n");
    b.append("  </AdaptationSet>\n </Period>\n</MPD>\n");
    return b.toString();
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "PT%.3fS", millis / 1000.0);
  }
}
