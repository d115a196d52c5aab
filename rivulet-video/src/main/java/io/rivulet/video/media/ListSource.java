package io.rivulet.video.media;

import io.rivulet.video.store.FragmentStore;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;

/**
 * GetMediaForFragmentList's chunks: the listed fragments in the order given, one chunk each; a
 * fragment that can no longer be read (retention dropped it since the request was checked) gives
 * an error chunk (ErrorId 4000) in its place. Used by one thread at a time.
 */
final class ListSource implements ChunkPublisher.Source {
  private final FragmentStore store;
  private final String streamArn;
  private final Iterator<String> fragments;

  ListSource(FragmentStore store, String streamArn, List<String> fragmentNumbers) {
    this.store = store;
    this.streamArn = streamArn;
    this.fragments = List.copyOf(fragmentNumbers).iterator();
  }

  @Override
  public byte[] next() {
    if (!fragments.hasNext()) {
      return null;
    }
    String number = fragments.next();
    try {
      return MediaChunks.fragmentListChunk(store.read(streamArn, number));
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
