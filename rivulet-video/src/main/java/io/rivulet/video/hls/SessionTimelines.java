package io.rivulet.video.hls;

import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-session numbering of listed fragments, so sliding playlists stay consistent between
 * reloads: each fragment gets the next media sequence number when it first appears, and the
 * number of discontinuities before it. A fragment older than the newest one already listed is
 * never added later (AWS leaves such gaps unfilled). Sessions whose tokens expired are dropped;
 * at most {@value #MAX_SESSIONS} are kept (oldest first out). Thread-safe.
 */
public final class SessionTimelines {
  private static final int MAX_SESSIONS = 10_000;
  /** A gap or overlap beyond this is a discontinuity in ON_DISCONTINUITY mode. */
  private static final long GAP_MILLIS = 50;

  private final Map<String, Timeline> sessions = new LinkedHashMap<>();

  /** One listed fragment with its numbers. */
  public record Entry(FragmentInfo info, long sequence, long discontinuitiesBefore,
      boolean discontinuity) {}

  /** Numbers {@code selected} (oldest first) for {@code s}; returns the entries listed. */
  public List<Entry> number(PlaybackSession s, List<FragmentInfo> selected, Instant now) {
    Timeline t;
    synchronized (sessions) {
      if (sessions.size() > MAX_SESSIONS / 2) {
        sessions.values().removeIf(x -> !now.isBefore(x.expires));
      }
      t = sessions.computeIfAbsent(s.id(), k -> new Timeline(s));
      if (sessions.size() > MAX_SESSIONS) {
        Iterator<String> it = sessions.keySet().iterator();
        it.next();
        it.remove();
      }
    }
    synchronized (t) {
      return t.add(selected);
    }
  }

  /** The newest fragment number the session listed, or null. */
  public String newestListed(PlaybackSession s) {
    Timeline t;
    synchronized (sessions) {
      t = sessions.get(s.id());
    }
    if (t == null) {
      return null;
    }
    synchronized (t) {
      Entry last = t.entries.peekLast();
      return last == null ? null : last.info.fragmentNumber();
    }
  }

  /** The fragment a session numbered {@code sequence}, if it is still remembered. */
  public FragmentInfo bySequence(PlaybackSession s, long sequence) {
    Timeline t;
    synchronized (sessions) {
      t = sessions.get(s.id());
    }
    if (t == null) {
      return null;
    }
    synchronized (t) {
      for (Entry e : t.entries) {
        if (e.sequence == sequence) {
          return e.info;
        }
      }
      return null;
    }
  }

  private static final class Timeline {
    final PlaybackSession session;
    final Instant expires;
    final Deque<Entry> entries = new ArrayDeque<>();
    long nextSequence;
    long discontinuities;

    Timeline(PlaybackSession session) {
      this.session = session;
      this.expires = session.expires();
    }

    List<Entry> add(List<FragmentInfo> selected) {
      for (FragmentInfo f : selected) {
        Entry last = entries.peekLast();
        if (last != null && compare(f.fragmentNumber(), last.info.fragmentNumber()) <= 0) {
          continue;
        }
        boolean disc = discontinuity(last == null ? null : last.info, f);
        Entry e = new Entry(f, nextSequence++, discontinuities, disc);
        if (disc) {
          discontinuities++;
        }
        entries.addLast(e);
      }
      int keep = Math.max(2 * session.maxResults(), 16);
      while (entries.size() > keep) {
        entries.removeFirst();
      }
      if (session.live()) {
        // the newest maxResults fragments the session has seen (what LIVE lists)
        List<Entry> all = new ArrayList<>(entries);
        return all.subList(Math.max(0, all.size() - session.maxResults()), all.size());
      }
      Set<String> wanted = new HashSet<>();
      selected.forEach(f -> wanted.add(f.fragmentNumber()));
      List<Entry> listed = new ArrayList<>(selected.size());
      for (Entry e : entries) {
        if (wanted.contains(e.info.fragmentNumber())) {
          listed.add(e);
        }
      }
      return listed;
    }

    private boolean discontinuity(FragmentInfo previous, FragmentInfo f) {
      switch (session.discontinuity()) {
        case "ALWAYS":
          return true;
        case "ON_DISCONTINUITY":
          if (previous == null) {
            return false;
          }
          TimestampKind k = session.kind();
          long expected = MediaSource.start(previous, k).toEpochMilli() + previous.durationMillis();
          return Math.abs(MediaSource.start(f, k).toEpochMilli() - expected) > GAP_MILLIS
              || previous.headerId() != f.headerId();
        default:
          return false;
      }
    }
  }

  /** Numeric order of decimal fragment numbers. */
  static int compare(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }
}
