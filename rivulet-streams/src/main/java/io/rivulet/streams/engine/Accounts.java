package io.rivulet.streams.engine;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Account-level settings (DescribeAccountSettings, UpdateAccountSettings), by account id, saved
 * through the {@link MetadataStore} before a change is answered. Thread-safe.
 */
public final class Accounts {
  private final MetadataStore store;
  private final Clock clock;
  private final Map<String, AccountSettings> settings;

  public Accounts(MetadataStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
    this.settings = new HashMap<>(store.loadAccounts());
  }

  /** The account's settings as they stand now. */
  public synchronized AccountSettings get(String account) {
    return settings.getOrDefault(account, AccountSettings.DEFAULT).at(clock.millis());
  }

  /** Asks for the commitment status ENABLED or DISABLED; returns the settings after it. */
  public synchronized AccountSettings requestCommitment(String account, String status) {
    AccountSettings next = settings.getOrDefault(account, AccountSettings.DEFAULT)
        .request(status, clock.millis());
    Map<String, AccountSettings> all = new HashMap<>(settings);
    all.put(account, next);
    store.saveAccounts(all);
    settings.put(account, next);
    return next;
  }
}
