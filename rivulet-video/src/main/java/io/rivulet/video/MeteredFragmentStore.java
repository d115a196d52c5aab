package io.rivulet.video;

import io.rivulet.video.store.WritableFragmentStore;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A fragment store that drops a stream's {@link VideoStats} counters with its fragments
 * (DeleteStream) and otherwise passes every call through; PutMedia itself counts what it receives
 * and persists. Thread-safe if the store is.
 */
public final class MeteredFragmentStore implements WritableFragmentStore {
  private final WritableFragmentStore store;
  private final VideoStats stats;

  public MeteredFragmentStore(WritableFragmentStore store, VideoStats stats) {
    this.store = store;
    this.stats = stats;
  }

  @Override
  public FragmentInfo append(String streamArn, String fragmentNumber, NewFragment fragment,
      int retentionHours) throws IOException {
    return store.append(streamArn, fragmentNumber, fragment, retentionHours);
  }

  @Override
  public long header(String streamArn, long timecodeScaleNanos, List<TrackInfo> tracks)
      throws IOException {
    return store.header(streamArn, timecodeScaleNanos, tracks);
  }

  @Override
  public String reserve(String streamArn, Instant serverTimestamp) throws IOException {
    return store.reserve(streamArn, serverTimestamp);
  }

  @Override
  public boolean durableOnAppend() {
    return store.durableOnAppend();
  }

  @Override
  public List<FragmentInfo> list(String streamArn, TimestampKind kind, Instant from, Instant to,
      String afterFragmentNumber, int limit) {
    return store.list(streamArn, kind, from, to, afterFragmentNumber, limit);
  }

  @Override
  public Optional<FragmentInfo> find(String streamArn, String fragmentNumber) {
    return store.find(streamArn, fragmentNumber);
  }

  @Override
  public Optional<FragmentInfo> latest(String streamArn) {
    return store.latest(streamArn);
  }

  @Override
  public Fragment read(String streamArn, String fragmentNumber) throws IOException {
    return store.read(streamArn, fragmentNumber);
  }

  @Override
  public Subscription subscribe(String streamArn, Consumer<FragmentInfo> onPersisted) {
    return store.subscribe(streamArn, onPersisted);
  }

  @Override
  public void deleteStream(String streamArn) throws IOException {
    store.deleteStream(streamArn);
    stats.remove(streamArn);
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
