package io.rivulet.video.hls;

import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which fragments a session's playlist or manifest lists at a given moment, read from the store
 * on every request (nothing is polled or cached, so a fragment is listed as soon as it is
 * persisted). LIVE: the newest {@code maxResults} by server timestamp. LIVE_REPLAY: from the
 * range's start, fragments are released as the time since the session began passes their offset
 * from the first one, newest {@code maxResults} of those. ON_DEMAND: the oldest {@code maxResults}
 * in the range. With PRODUCER_TIMESTAMP, fragments sharing a start timestamp are deduplicated to
 * the newest. Stateless and thread-safe.
 */
public final class FragmentWindow {
  /** AWS: a fragment lasts at most 10 s; a window of n fragments spans at most n times that. */
  private static final Duration MAX_FRAGMENT = Duration.ofSeconds(10);
  /** LIVE sessions need a fragment this recent when they are created. */
  public static final Duration LIVE_HORIZON = Duration.ofSeconds(30);

  private final FragmentStore store;

  public FragmentWindow(FragmentStore store) {
    this.store = store;
  }

  /** What {@code s} lists at {@code now}, oldest first, and whether the list is final. */
  public Selection select(PlaybackSession s, Instant now) {
    return select(s, now, null);
  }

  /**
   * Like {@link #select(PlaybackSession, Instant)}; for LIVE with {@code newestListed} (the newest
   * fragment the session listed before) only the fragments after it, read from the store's index
   * without scanning what came before.
   */
  public Selection select(PlaybackSession s, Instant now, String newestListed) {
    if (s.live() && newestListed != null) {
      return new Selection(dedupe(s.kind(), store.list(s.streamArn(), TimestampKind.SERVER_TIMESTAMP,
          null, null, newestListed, Integer.MAX_VALUE)), false);
    }
    if (s.onDemand()) {
      List<FragmentInfo> all = dedupe(s.kind(),
          store.list(s.streamArn(), s.kind(), s.start(), s.end(), null, s.maxResults() + 1));
      return new Selection(all.subList(0, Math.min(all.size(), s.maxResults())), true);
    }
    if (s.live()) {
      var latest = store.latest(s.streamArn());
      if (latest.isEmpty()) {
        return new Selection(List.of(), false);
      }
      Instant newest = latest.get().serverTimestamp();
      Instant from = newest.minus(MAX_FRAGMENT.multipliedBy(s.maxResults() + 1L));
      List<FragmentInfo> recent = store.list(s.streamArn(), TimestampKind.SERVER_TIMESTAMP, from,
          null, null, Integer.MAX_VALUE);
      return new Selection(newest(dedupe(s.kind(), recent), s.maxResults()), false);
    }
    return replay(s, now);
  }

  private Selection replay(PlaybackSession s, Instant now) {
    List<FragmentInfo> first = store.list(s.streamArn(), s.kind(), s.start(), s.end(), null, 1);
    if (first.isEmpty()) {
      return new Selection(List.of(), false);
    }
    Instant origin = MediaSource.start(first.get(0), s.kind());
    Instant released = origin.plus(Duration.between(s.created(), now));
    Instant upTo = s.end() != null && s.end().isBefore(released) ? s.end() : released;
    Instant from = upTo.minus(MAX_FRAGMENT.multipliedBy(s.maxResults() + 1L));
    if (from.isBefore(s.start())) {
      from = s.start();
    }
    List<FragmentInfo> visible = new ArrayList<>();
    for (FragmentInfo f : store.list(s.streamArn(), s.kind(), from, upTo, null, Integer.MAX_VALUE)) {
      // released once the time since the session began reaches its offset from the first one
      if (!MediaSource.start(f, s.kind()).isAfter(released)) {
        visible.add(f);
      }
    }
    boolean done = s.end() != null && !released.isBefore(s.end());
    return new Selection(newest(dedupe(s.kind(), visible), s.maxResults()), done);
  }

  /** The fragments listed, oldest first; {@code complete}: nothing more will be added. */
  public record Selection(List<FragmentInfo> fragments, boolean complete) {}

  /** Whether the stream has a fragment persisted within {@link #LIVE_HORIZON} of {@code now}. */
  public boolean hasRecent(String streamArn, Instant now) {
    return store.latest(streamArn)
        .map(f -> !f.serverTimestamp().isBefore(now.minus(LIVE_HORIZON)))
        .orElse(false);
  }

  private static List<FragmentInfo> newest(List<FragmentInfo> list, int n) {
    return list.size() <= n ? list : list.subList(list.size() - n, list.size());
  }

  /** With producer timestamps, of fragments sharing a start timestamp only the newest stays. */
  private static List<FragmentInfo> dedupe(TimestampKind kind, List<FragmentInfo> list) {
    if (kind != TimestampKind.PRODUCER_TIMESTAMP || list.size() < 2) {
      return list;
    }
    Map<Instant, FragmentInfo> byStart = new LinkedHashMap<>();
    for (FragmentInfo f : list) {
      byStart.remove(f.producerTimestamp());
      byStart.put(f.producerTimestamp(), f);
    }
    return new ArrayList<>(byStart.values());
  }
}
