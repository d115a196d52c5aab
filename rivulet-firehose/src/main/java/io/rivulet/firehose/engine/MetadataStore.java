package io.rivulet.firehose.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where Firehose's control-plane state and delivery checkpoints live between restarts.
 * Implementations are thread-safe; every save returns once durable.
 */
public interface MetadataStore {
  /** Every delivery stream saved last time (empty on first start). */
  List<DeliveryStreamMeta> load();

  /**
   * Replaces the saved delivery streams, atomically: after a crash at any point {@link #load()}
   * returns the previous or this state, never a mix.
   */
  void save(Collection<DeliveryStreamMeta> streams);

  /** The checkpoint of a delivery stream's buffer (by its log name), or null if none was saved. */
  DeliveryCheckpoint loadCheckpoint(String logName);

  /** Replaces a buffer's checkpoint atomically and durably. */
  void saveCheckpoint(String logName, DeliveryCheckpoint checkpoint);

  /** Forgets a deleted delivery stream's checkpoint. */
  void deleteCheckpoint(String logName);

  /** A store that keeps everything in memory (a server without a data directory, tests). */
  static MetadataStore inMemory() {
    return new MetadataStore() {
      private volatile List<DeliveryStreamMeta> streams = List.of();
      private final Map<String, DeliveryCheckpoint> checkpoints = new ConcurrentHashMap<>();

      @Override
      public List<DeliveryStreamMeta> load() {
        return streams;
      }

      @Override
      public void save(Collection<DeliveryStreamMeta> next) {
        streams = List.copyOf(next);
      }

      @Override
      public DeliveryCheckpoint loadCheckpoint(String logName) {
        return checkpoints.get(logName);
      }

      @Override
      public void saveCheckpoint(String logName, DeliveryCheckpoint checkpoint) {
        checkpoints.put(logName, checkpoint);
      }

      @Override
      public void deleteCheckpoint(String logName) {
        checkpoints.remove(logName);
      }
    };
  }
}
