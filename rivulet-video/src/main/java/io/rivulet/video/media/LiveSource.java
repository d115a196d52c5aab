package io.rivulet.video.media;

import io.rivulet.video.store.FragmentStore;
import io.rivulet.video.store.FragmentStore.Fragment;
import io.rivulet.video.store.FragmentStore.FragmentInfo;
import io.rivulet.video.store.FragmentStore.TimestampKind;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * GetMedia's chunks: from a {@link StartSelector.Position} on, every stored fragment in
 * fragment-number order, then each fragment as it is persisted. It asks the store for the
 * fragments after the last one sent each time it runs dry, and the store's persisted callback
 * wakes it, so a fragment persisted at any moment is neither lost nor sent twice. Fragments of a
 * stream without retention are never listed, only announced: those come from the callback's
 * queue (fragments not after the last one sent are dropped from it). A fragment
 * that can no longer be read (dropped by retention meanwhile) ends the response with an error
 * chunk (ErrorId 4000). Used by one thread at a time.
 */
final class LiveSource implements ChunkPublisher.Source {
  private static final int BATCH = 16;

  private final FragmentStore store;
  private final String streamArn;
  private final Clock clock;
  private final Deque<FragmentInfo> batch = new ArrayDeque<>();
  private final java.util.Queue<FragmentInfo> announced =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private FragmentInfo first;
  private String after;
  private boolean failed;
  private volatile FragmentStore.Subscription subscription;
  private volatile boolean closed;

  LiveSource(FragmentStore store, String streamArn, StartSelector.Position start, Clock clock) {
    this.store = store;
    this.streamArn = streamArn;
    this.clock = clock;
    this.first = start.first();
    this.after = start.after();
  }

  @Override
  public byte[] next() {
    if (failed) {
      return null;
    }
    FragmentInfo info = first;
    first = null;
    if (info == null) {
      if (batch.isEmpty()) {
        batch.addAll(store.list(streamArn, TimestampKind.SERVER_TIMESTAMP, null, null, after,
            BATCH));
      }
      info = batch.poll();
      if (info == null) {
        info = nextAnnounced();
      }
      if (info == null) {
        return null;
      }
    }
    after = info.fragmentNumber();
    Fragment fragment;
    try {
      fragment = store.read(streamArn, info.fragmentNumber());
    } catch (IOException | RuntimeException e) {
      failed = true;
      return MediaChunks.errorChunk(info.fragmentNumber(), "FRAGMENT_NOT_FOUND", 4000);
    }
    long behind = clock.millis() - info.serverTimestamp().toEpochMilli();
    return MediaChunks.getMediaChunk(fragment, behind);
  }

  /** The first announced fragment after the last one sent, or null. */
  private FragmentInfo nextAnnounced() {
    FragmentInfo info;
    while ((info = announced.poll()) != null) {
      if (after == null || isAfter(info.fragmentNumber(), after)) {
        return info;
      }
    }
    return null;
  }

  /** Numeric order of decimal fragment numbers: by length, then lexically. */
  static boolean isAfter(String a, String b) {
    return a.length() != b.length() ? a.length() > b.length() : a.compareTo(b) > 0;
  }

  @Override
  public boolean finished() {
    return failed;
  }

  @Override
  public void onAvailable(Runnable wake) {
    FragmentStore.Subscription s = store.subscribe(streamArn, info -> {
      announced.add(info);
      wake.run();
    });
    subscription = s;
    if (closed) {
      s.close();
    }
  }

  @Override
  public void close() {
    closed = true;
    FragmentStore.Subscription s = subscription;
    if (s != null) {
      s.close();
    }
  }
}
