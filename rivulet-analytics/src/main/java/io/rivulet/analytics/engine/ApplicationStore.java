package io.rivulet.analytics.engine;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the control plane keeps applications: in memory, or one JSON file per application under
 * {@code <data-dir>/analytics/applications} ({@link FileApplicationStore}). Implementations are
 * thread-safe.
 */
public interface ApplicationStore {

  /** Every application stored. */
  Collection<ApplicationHistory> load();

  /** Stores an application (replacing what was stored for it) durably before returning. */
  void save(ApplicationHistory history);

  /** Forgets an application. */
  void delete(Application application);

  /** A store that keeps nothing beyond the process. */
  static ApplicationStore inMemory() {
    return new ApplicationStore() {
      private final Map<String, ApplicationHistory> all = new ConcurrentHashMap<>();

      @Override
      public Collection<ApplicationHistory> load() {
        return List.copyOf(all.values());
      }

      @Override
      public void save(ApplicationHistory history) {
        all.put(history.current().arn(), history);
      }

      @Override
      public void delete(Application application) {
        all.remove(application.arn());
      }
    };
  }
}
