package io.rivulet.log;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@link MemoryShardLog}s by name for the life of the manager: closing a log and opening it
 * again returns its data (like a restart of a file log); {@link ShardLog#delete()} forgets it.
 * Recovery never loses anything, so {@link #recoveryReports()} is empty.
 *
 * <p>Thread-safe (synchronised).
 */
public final class MemoryLogManager implements LogManager {
  private final Map<String, MemoryShardLog.Store> stores = new HashMap<>();
  private final Map<String, MemoryShardLog> open = new HashMap<>();
  private boolean closed;

  @Override
  public synchronized ShardLog open(String name) {
    if (closed) {
      throw new LogException("log manager is closed");
    }
    MemoryShardLog log = open.get(name);
    if (log != null && !log.isClosed()) {
      return log;
    }
    MemoryShardLog.Store store = stores.computeIfAbsent(name, n -> new MemoryShardLog.Store());
    log = new MemoryShardLog(store, () -> forget(name, store));
    open.put(name, log);
    return log;
  }

  private synchronized void forget(String name, MemoryShardLog.Store store) {
    stores.remove(name, store);
    open.remove(name);
  }

  @Override
  public List<RecoveryReport> recoveryReports() {
    return List.of();
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (MemoryShardLog log : open.values()) {
      log.close();
    }
    open.clear();
  }
}
