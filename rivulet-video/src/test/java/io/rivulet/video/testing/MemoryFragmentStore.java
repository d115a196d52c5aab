package io.rivulet.video.testing;

import io.rivulet.video.store.FragmentStore;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A FragmentStore in memory for playback tests: {@link #add} "persists" a fragment and calls the
 * subscribers. Fragment numbers are compared by length, then lexically (numeric order).
 * Thread-safe.
 */
public final class MemoryFragmentStore implements FragmentStore {
  private static final java.util.Comparator<String> NUMERIC =
      java.util.Comparator.comparingInt(String::length).thenComparing(s -> s);

  private final Map<String, ConcurrentSkipListMap<String, Fragment>> streams =
      new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<FragmentInfo>>> subscribers = new ConcurrentHashMap<>();
  private final java.util.Set<String> unreadable = ConcurrentHashMap.newKeySet();
  private final Map<String, Fragment> unlisted = new ConcurrentHashMap<>();

  /** Stores the fragment and tells the subscribers. */
  public void add(Fragment f) {
    streams.computeIfAbsent(f.info().streamArn(), k -> new ConcurrentSkipListMap<>(NUMERIC))
        .put(f.info().fragmentNumber(), f);
    for (Consumer<FragmentInfo> c : subscribers.getOrDefault(f.info().streamArn(), List.of())) {
      c.accept(f.info());
    }
  }

  /**
   * Keeps the fragment for readers but never lists it, and tells the subscribers: a stream
   * without retention.
   */
  public void announce(Fragment f) {
    unlisted.put(f.info().fragmentNumber(), f);
    for (Consumer<FragmentInfo> c : subscribers.getOrDefault(f.info().streamArn(), List.of())) {
      c.accept(f.info());
    }
  }

  /** Drops one fragment (as retention would). */
  public void drop(String streamArn, String fragmentNumber) {
    stream(streamArn).remove(fragmentNumber);
  }

  /** Makes reading that fragment fail (a file lost under the index). */
  public void failReads(String fragmentNumber) {
    unreadable.add(fragmentNumber);
  }

  /** Live subscriptions on the stream. */
  public int subscriptions(String streamArn) {
    return subscribers.getOrDefault(streamArn, List.of()).size();
  }

  private ConcurrentSkipListMap<String, Fragment> stream(String arn) {
    return streams.computeIfAbsent(arn, k -> new ConcurrentSkipListMap<>(NUMERIC));
  }

  @Override
  public List<FragmentInfo> list(String streamArn, TimestampKind kind, Instant from, Instant to,
      String afterFragmentNumber, int limit) {
    var map = afterFragmentNumber == null ? stream(streamArn)
        : stream(streamArn).tailMap(afterFragmentNumber, false);
    List<FragmentInfo> out = new ArrayList<>();
    for (Fragment f : map.values()) {
      Instant t = kind == TimestampKind.SERVER_TIMESTAMP
          ? f.info().serverTimestamp() : f.info().producerTimestamp();
      if ((from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to))) {
        out.add(f.info());
        if (out.size() == limit) {
          break;
        }
      }
    }
    return out;
  }

  @Override
  public Optional<FragmentInfo> find(String streamArn, String fragmentNumber) {
    return Optional.ofNullable(stream(streamArn).get(fragmentNumber)).map(Fragment::info);
  }

  @Override
  public Optional<FragmentInfo> latest(String streamArn) {
    var last = stream(streamArn).lastEntry();
    return last == null ? Optional.empty() : Optional.of(last.getValue().info());
  }

  @Override
  public Fragment read(String streamArn, String fragmentNumber) throws IOException {
    Fragment f = stream(streamArn).get(fragmentNumber);
    if (f == null) {
      f = unlisted.get(fragmentNumber);
    }
    if (f == null || unreadable.contains(fragmentNumber)) {
      throw new NoSuchFileException(fragmentNumber);
    }
    return f;
  }

  @Override
  public Subscription subscribe(String streamArn, Consumer<FragmentInfo> onPersisted) {
    List<Consumer<FragmentInfo>> list =
        subscribers.computeIfAbsent(streamArn, k -> new CopyOnWriteArrayList<>());
    list.add(onPersisted);
    return () -> list.remove(onPersisted);
  }

  @Override
  public void close() {}

  @Override
  public void deleteStream(String streamArn) {
    streams.remove(streamArn);
  }
}
