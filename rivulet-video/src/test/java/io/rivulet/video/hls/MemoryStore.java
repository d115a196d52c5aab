package io.rivulet.video.hls;

import io.rivulet.video.store.FragmentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A FragmentStore in memory for the playback unit tests. Thread-safe. */
final class MemoryStore implements FragmentStore {
  private final Map<String, TreeMap<String, Fragment>> streams = new ConcurrentHashMap<>();
  private final List<Consumer<FragmentInfo>> subscribers = new CopyOnWriteArrayList<>();

  synchronized void add(Fragment f) {
    streams.computeIfAbsent(f.info().streamArn(), k -> new TreeMap<>(SessionTimelines::compare))
        .put(f.info().fragmentNumber(), f);
    subscribers.forEach(s -> s.accept(f.info()));
  }

  @Override
  public synchronized List<FragmentInfo> list(String streamArn, TimestampKind kind, Instant from,
      Instant to, String after, int limit) {
    List<FragmentInfo> out = new ArrayList<>();
    for (Fragment f : streams.getOrDefault(streamArn, new TreeMap<>()).values()) {
      FragmentInfo i = f.info();
      Instant t = kind == TimestampKind.PRODUCER_TIMESTAMP ? i.producerTimestamp() : i.serverTimestamp();
      if ((from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to))
          && (after == null || SessionTimelines.compare(i.fragmentNumber(), after) > 0)
          && out.size() < limit) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public synchronized Optional<FragmentInfo> find(String streamArn, String fragmentNumber) {
    return Optional.ofNullable(streams.getOrDefault(streamArn, new TreeMap<>()).get(fragmentNumber))
        .map(Fragment::info);
  }

  @Override
  public synchronized Optional<FragmentInfo> latest(String streamArn) {
    TreeMap<String, Fragment> m = streams.get(streamArn);
    return m == null || m.isEmpty() ? Optional.empty() : Optional.of(m.lastEntry().getValue().info());
  }

  @Override
  public synchronized Fragment read(String streamArn, String fragmentNumber) {
    return streams.get(streamArn).get(fragmentNumber);
  }

  @Override
  public Subscription subscribe(String streamArn, Consumer<FragmentInfo> onPersisted) {
    subscribers.add(onPersisted);
    return () -> subscribers.remove(onPersisted);
  }

  @Override
  public void close() {}

  @Override
  public void deleteStream(String streamArn) {
    streams.remove(streamArn);
  }
}
