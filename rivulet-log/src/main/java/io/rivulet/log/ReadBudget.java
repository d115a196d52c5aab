package io.rivulet.log;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link ShardLog#read} may still return: a record count and a key-plus-value byte budget,
 * with the rule that the first record is always admitted. Not thread-safe (one per read call).
 */
final class ReadBudget {
  private final int maxRecords;
  private final long maxBytes;
  private final List<LogEntry> entries = new ArrayList<>();
  private long bytes;
  private boolean full;

  ReadBudget(int maxRecords, long maxBytes) {
    this.maxRecords = maxRecords;
    this.maxBytes = maxBytes;
    this.full = maxRecords <= 0;
  }

  /** Whether a record of this many key and value bytes fits; if not, the budget becomes full. */
  boolean admits(long recordBytes) {
    if (full) {
      return false;
    }
    if (!entries.isEmpty() && bytes + recordBytes > maxBytes) {
      full = true;
      return false;
    }
    return true;
  }

  void add(LogEntry entry) {
    entries.add(entry);
    bytes += (entry.key() == null ? 0 : entry.key().length)
        + (entry.value() == null ? 0 : entry.value().length);
    if (entries.size() >= maxRecords) {
      full = true;
    }
  }

  boolean full() {
    return full;
  }

  List<LogEntry> entries() {
    return entries;
  }
}
