package io.rivulet.video.media;

import io.rivulet.video.VideoStats;
import io.rivulet.video.store.FragmentStore;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * GetMediaForFragmentList's chunks: the listed fragments in the order given, one chunk each; a
 * fragment that can no longer be read (retention dropped it since the request was checked) gives
 * an error chunk (ErrorId 4000) in its place. Counts the bytes sent (GetMedia.OutgoingBytes). Used
 * by one thread at a time.
 */
final class ListSource implements ChunkPublisher.Source {
  private final FragmentStore store;
  private final String streamArn;
  private final Iterator<String> fragments;
  private final VideoStats.StreamCounters counters;

  ListSource(FragmentStore store, String streamArn, List<String> fragmentNumbers,
      VideoStats.StreamCounters counters) {
    this.store = store;
    this.streamArn = streamArn;
    this.counters = counters;
    this.fragments = List.copyOf(fragmentNumbers).iterator();
  }

  @Override
  public byte[] next() {
    if (!fragments.hasNext()) {
      return null;
    }
    String number = fragments.next();
    try {
      byte[] chunk = MediaChunks.fragmentListChunk(store.read(streamArn, number));
      counters.outgoingBytes.add(chunk.length);
      return chunk;
    } catch (IOException | RuntimeException e) {
      return MediaChunks.errorChunk(number, "FRAGMENT_NOT_FOUND", 4000);
    }
  }

  @Override
  public boolean finished() {
    return !fragments.hasNext();
  }

  @Override
  public void onAvailable(Runnable wake) {}

  @Override
  public void close() {}
}
