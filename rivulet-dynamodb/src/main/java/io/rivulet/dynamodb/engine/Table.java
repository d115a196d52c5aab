package io.rivulet.dynamodb.engine;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One live table: its definition and its items by primary key. Reads are lock-free (items are
 * immutable maps in a concurrent sorted map); every change of an item happens under {@link #lock}
 * inside {@link Database}, so a conditional write's check and apply are atomic. Thread-safe.
 */
public final class Table {
  private volatile TableDef def;
  private volatile boolean dropped;
  private final ConcurrentSkipListMap<ItemKey, Map<String, AttributeValue>> items =
      new ConcurrentSkipListMap<>();
  final ReentrantLock lock = new ReentrantLock();

  Table(TableDef def) {
    this.def = def;
  }

  public TableDef def() {
    return def;
  }

  void def(TableDef d) {
    this.def = d;
  }

  boolean dropped() {
    return dropped;
  }

  void drop() {
    dropped = true;
  }

  /** The item with this key, or null. */
  public Map<String, AttributeValue> get(ItemKey key) {
    return items.get(key);
  }

  /** All items in key order (a live, weakly consistent view). */
  public NavigableMap<ItemKey, Map<String, AttributeValue>> items() {
    return items;
  }

  void putLocked(ItemKey key, Map<String, AttributeValue> item) {
    if (item == null) {
      items.remove(key);
    } else {
      items.put(key, item);
    }
  }

  public long itemCount() {
    return items.size();
  }

  public long sizeBytes() {
    long total = 0;
    for (Map<String, AttributeValue> item : items.values()) {
      total += Attributes.itemSize(item);
    }
    return total;
  }
}
