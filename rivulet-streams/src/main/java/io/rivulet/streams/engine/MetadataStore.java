package io.rivulet.streams.engine;

import java.util.Collection;
import java.util.List;

/** Where control-plane state lives between restarts. Implementations are thread-safe. */
public interface MetadataStore {
  /** Every stream saved last time (empty on first start). */
  List<StreamMeta> load();

  /**
   * Replaces the saved state with {@code streams}, atomically: after a crash at any point, {@link
   * #load()} returns either the previous or this state, never a mix. Returns once durable.
   */
  void save(Collection<StreamMeta> streams);

  /** A store that keeps nothing (memory mode and tests). */
  static MetadataStore inMemory() {
    return new MetadataStore() {
      @Override
      public List<StreamMeta> load() {
        return List.of();
      }

      @Override
      public void save(Collection<StreamMeta> streams) {}
    };
  }
}
