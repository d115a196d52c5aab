package io.rivulet.streams.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where control-plane state lives between restarts: the streams and the account settings, saved
 * together as one snapshot. Implementations are thread-safe.
 */
public interface MetadataStore {
  /** Every stream saved last time (empty on first start). */
  List<StreamMeta> load();

  /**
   * Replaces the saved streams with {@code streams} (the account settings stay), atomically: after
   * a crash at any point, {@link #load()} returns either the previous or this state, never a mix.
   * Returns once durable.
   */
  void save(Collection<StreamMeta> streams);

  /** The account settings saved last time, by account id (empty on first start). */
  Map<String, AccountSettings> loadAccounts();

  /** Replaces the saved account settings (the streams stay), atomically and durably. */
  void saveAccounts(Map<String, AccountSettings> accounts);

  /** A store that keeps nothing between processes (memory mode and tests). */
  static MetadataStore inMemory() {
    return new MetadataStore() {
      private volatile Map<String, AccountSettings> accounts = Map.of();

      @Override
      public List<StreamMeta> load() {
        return List.of();
      }

      @Override
      public void save(Collection<StreamMeta> streams) {}

      @Override
      public Map<String, AccountSettings> loadAccounts() {
        return accounts;
      }

      @Override
      public void saveAccounts(Map<String, AccountSettings> next) {
        accounts = Map.copyOf(next);
      }
    };
  }
}
