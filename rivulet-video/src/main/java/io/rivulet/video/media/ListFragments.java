package io.rivulet.video.media;

import io.rivulet.video.VideoCall;
import io.rivulet.video.VideoError;
import io.rivulet.video.VideoOperation;
import io.rivulet.video.VideoStreamCatalog;
import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * ListFragments ({@code POST /listFragments}, kinesis-video-archived-media): the stored fragments
 * whose producer or server timestamp lies in the selector's range (inclusive; all without a
 * selector), in fragment-number order, MaxResults (default 100) to a page and a NextToken while
 * more remain. The token carries the listing (selector and last fragment), so a call with it
 * continues that listing. Thread-safe.
 */
public final class ListFragments
    extends VideoOperation.Sync<ListFragments.Input, ListFragments.Output> {
  static final int DEFAULT_MAX = 100;

  public record TimestampRange(Instant startTimestamp, Instant endTimestamp) {}

  public record FragmentSelector(String fragmentSelectorType, TimestampRange timestampRange) {}

  public record Input(String streamName, String streamARN, Long maxResults, String nextToken,
      FragmentSelector fragmentSelector) {}

  public record Fragment(String fragmentNumber, Long fragmentSizeInBytes,
      Instant producerTimestamp, Instant serverTimestamp, Long fragmentLengthInMilliseconds) {}

  public record Output(List<Fragment> fragments, String nextToken) {}

  private final PlaybackStreams streams;
  private final FragmentStore store;

  public ListFragments(PlaybackStreams streams, FragmentStore store) {
    super(Input.class);
    this.streams = streams;
    this.store = store;
  }

  @Override
  protected Output call(Input in, VideoCall call) {
    int max = in.maxResults() == null ? DEFAULT_MAX : in.maxResults().intValue();
    Page page = in.nextToken() != null ? Page.fromToken(in.nextToken())
        : Page.fromSelector(in.fragmentSelector());
    VideoStreamCatalog.Stream stream = streams.resolve(call, in.streamName(), in.streamARN());
    List<FragmentInfo> found = store.list(stream.streamArn(), page.kind(), page.from(),
        page.to(), page.after(), max + 1);
    List<Fragment> out = new ArrayList<>();
    for (FragmentInfo f : found.subList(0, Math.min(max, found.size()))) {
      out.add(new Fragment(f.fragmentNumber(), f.sizeBytes(), f.producerTimestamp(),
          f.serverTimestamp(), f.durationMillis()));
    }
    String next = found.size() > max
        ? page.after(found.get(max - 1).fragmentNumber()).token() : null;
    return new Output(out, next);
  }

  /** Where a page starts: the selector's range, after a fragment number. */
  record Page(TimestampKind kind, Instant from, Instant to, String after) {
    static Page fromSelector(FragmentSelector sel) {
      if (sel == null) {
        return new Page(TimestampKind.SERVER_TIMESTAMP, null, null, null);
      }
      TimestampRange r = sel.timestampRange();
      if (r.startTimestamp().isAfter(r.endTimestamp())) {
        throw VideoError.INVALID_ARGUMENT.with(
            "The StartTimestamp must be before or equal to the EndTimestamp.");
      }
      return new Page(TimestampKind.valueOf(sel.fragmentSelectorType()), r.startTimestamp(),
          r.endTimestamp(), null);
    }

    static Page fromToken(String token) {
      try {
        String[] p = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8)
            .split("\\|", -1);
        return new Page(TimestampKind.valueOf(p[0]), millis(p[1]), millis(p[2]),
            p[3].isEmpty() ? null : p[3]);
      } catch (RuntimeException e) {
        throw VideoError.INVALID_ARGUMENT.with("The NextToken is not valid.");
      }
    }

    Page after(String fragmentNumber) {
      return new Page(kind, from, to, fragmentNumber);
    }

    /** base64 of {@code kind|fromMillis|toMillis|afterFragmentNumber}. */
    String token() {
      String s = kind + "|" + (from == null ? "" : from.toEpochMilli()) + "|"
          + (to == null ? "" : to.toEpochMilli()) + "|" + (after == null ? "" : after);
      return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Instant millis(String s) {
      return s.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(s));
    }
  }
}
