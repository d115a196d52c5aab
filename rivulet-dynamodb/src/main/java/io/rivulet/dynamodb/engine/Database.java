package io.rivulet.dynamodb.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.dynamodb.Attributes;
import io.rivulet.dynamodb.DynamoDbError;
import io.rivulet.log.FsyncPolicy;
import io.rivulet.log.RecoveryReport;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DynamoDB store: tables in memory, every change journaled ({@link Journal}) before it is
 * acknowledged, replayed on open. With no state directory nothing is journaled.
 *
 * <p>Concurrency: item changes run under their table's lock (check, apply and journal append in
 * one step, so conditional writes are atomic per item and the journal order is the apply order)
 * and under the shared side of a gate whose exclusive side a compaction takes. Readers see applied
 * changes at once, possibly a moment before they are durable; the writer's acknowledgement waits
 * for durability. Thread-safe.
 */
public final class Database implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  /** Compact once the journal holds this many entries and four times the live state. */
  static final long MIN_COMPACTION_ENTRIES = 20_000;

  private final Clock clock;
  private final Journal journal;
  private final Map<String, Table> tables = new ConcurrentHashMap<>();
  private final java.util.concurrent.locks.ReentrantReadWriteLock gate =
      new java.util.concurrent.locks.ReentrantReadWriteLock();
  private final Object ddl = new Object();
  private final AtomicLong liveEntries = new AtomicLong();
  private final AtomicBoolean compactionQueued = new AtomicBoolean();
  private final ExecutorService compactor;
  private final long compactionThreshold;

  /** A store journaled under {@code stateDir} (null: in memory only), group commit. */
  public Database(Path stateDir, Clock clock) {
    this(stateDir, clock, FsyncPolicy.group(), MIN_COMPACTION_ENTRIES);
  }

  Database(Path stateDir, Clock clock, FsyncPolicy fsync, long compactionThreshold) {
    this.clock = clock;
    this.compactionThreshold = compactionThreshold;
    this.journal = stateDir == null ? null : new Journal(stateDir, fsync, clock);
    this.compactor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "rivulet-dynamodb-compactor");
      t.setDaemon(true);
      return t;
    });
    if (journal != null) {
      journal.replay(this::replay);
      for (RecoveryReport r : journal.recoveryReports()) {
        if (r.lostData()) {
          LOG.warn("DynamoDB journal recovery dropped {} byte(s) of unacknowledged tail: {}", r.truncatedBytes(), r.reason());
        }
      }
      maybeCompact();
    }
  }

  public Clock clock() {
    return clock;
  }

  /** A change of one item: the new item (null deletes) from the current one (null if absent). */
  @FunctionalInterface
  public interface ItemChange {
    Map<String, AttributeValue> apply(Map<String, AttributeValue> current);
  }

  /** What a write did: the item before and after (either may be null). */
  public record Change(Map<String, AttributeValue> before, Map<String, AttributeValue> after) {}

  /** One write of a transaction. */
  public record Step(Table table, ItemKey key, ItemChange change) {}

  /** A transaction's steps failed; {@code failures} holds each step's error or null, in order. */
  public static final class TransactionFailure extends RuntimeException {
    private final transient List<RuntimeException> failures;

    TransactionFailure(List<RuntimeException> failures) {
      super("transaction cancelled", null, false, false);
      this.failures = failures;
    }

    public List<RuntimeException> failures() {
      return failures;
    }
  }

  // ---- tables ----

  public Table createTable(TableDef def) {
    gate.readLock().lock();
    try {
      synchronized (ddl) {
        if (tables.containsKey(def.qualifiedName())) {
          throw DynamoDbError.RESOURCE_IN_USE.with("Table already exists: " + def.name());
        }
        Table t = new Table(def);
        tables.put(def.qualifiedName(), t);
        liveEntries.incrementAndGet();
        awaitDurable(journal(List.of(tableEntry(def))));
        return t;
      }
    } finally {
      gate.readLock().unlock();
    }
  }

  /** The table, or ResourceNotFoundException. */
  public Table table(String account, String region, String name) {
    Table t = tables.get(TableDef.qualify(account, region, name));
    if (t == null) {
      throw DynamoDbError.tableNotFound();
    }
    return t;
  }

  /** Table names of an account and region, sorted. */
  public List<String> tableNames(String account, String region) {
    String prefix = TableDef.qualify(account, region, "");
    List<String> names = new ArrayList<>();
    for (String qn : tables.keySet()) {
      if (qn.startsWith(prefix)) {
        names.add(qn.substring(prefix.length()));
      }
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /** Replaces a table's definition by {@code change} of it (which may throw to refuse). */
  public TableDef updateTable(Table table, UnaryOperator<TableDef> change) {
    return ddl(table, () -> {
      TableDef next = change.apply(table.def());
      if (next != table.def()) {
        table.def(next);
        awaitDurable(journal(List.of(tableEntry(next))));
      }
      return next;
    });
  }

  public void deleteTable(Table table) {
    ddl(table, () -> {
      tables.remove(table.def().qualifiedName(), table);
      table.drop();
      liveEntries.addAndGet(-1 - table.itemCount());
      awaitDurable(journal(List.of(entry("drop", table.def().qualifiedName(), null, null))));
      return null;
    });
  }

  /** Runs a change of a live table under the gate, the DDL lock and the table's lock. */
  private <T> T ddl(Table table, java.util.function.Supplier<T> change) {
    gate.readLock().lock();
    try {
      synchronized (ddl) {
        table.lock.lock();
        try {
          checkLive(table);
          return change.get();
        } finally {
          table.lock.unlock();
        }
      }
    } finally {
      gate.readLock().unlock();
    }
  }

  // ---- items ----

  /**
   * Changes one item atomically: reads it, applies {@code change} (which may throw, e.g. a failed
   * condition, leaving nothing changed) and journals the result. The future completes when the
   * change is durable.
   */
  public CompletableFuture<Change> write(Table table, ItemKey key, ItemChange change) {
    return transact(List.of(new Step(table, key, change))).thenApply(changes -> changes.get(0));
  }

  /**
   * Applies all steps or none: every step's change is computed (under all involved tables' locks)
   * before any is applied; if any throws, {@link TransactionFailure} (a single step's own
   * exception when there is one step).
   */
  public CompletableFuture<List<Change>> transact(List<Step> steps) {
    Map<String, Table> involved = new TreeMap<>();
    for (Step s : steps) {
      involved.put(s.table().def().qualifiedName(), s.table());
    }
    gate.readLock().lock();
    List<Table> locked = new ArrayList<>();
    try {
      for (Table t : involved.values()) {
        t.lock.lock();
        locked.add(t);
        checkLive(t);
      }
      List<Change> changes = compute(steps);
      List<byte[]> entries = new ArrayList<>();
      for (int i = 0; i < steps.size(); i++) {
        Step s = steps.get(i);
        Change c = changes.get(i);
        if (c.before() == c.after()) {
          continue;
        }
        s.table().putLocked(s.key(), c.after());
        liveEntries.addAndGet((c.after() == null ? 0 : 1) - (c.before() == null ? 0 : 1));
        String qn = s.table().def().qualifiedName();
        entries.add(c.after() == null ? entry("del", qn, "key", keyAttributes(s.table().def(), c.before()))
            : entry("put", qn, "item", c.after()));
      }
      CompletableFuture<?> durable = journal(entries);
      return durable.thenApply(r -> {
        maybeCompact();
        return changes;
      });
    } finally {
      for (Table t : locked) {
        t.lock.unlock();
      }
      gate.readLock().unlock();
    }
  }

  private static List<Change> compute(List<Step> steps) {
    List<Change> changes = new ArrayList<>();
    List<RuntimeException> failures = new ArrayList<>();
    boolean failed = false;
    for (Step s : steps) {
      Map<String, AttributeValue> before = s.table().get(s.key());
      try {
        Map<String, AttributeValue> after = s.change().apply(before);
        if (after != null && after != before) {
          TableDef def = s.table().def();
          if (!def.keyOf(after, false).equals(s.key())) {
            throw new IllegalStateException("a change may not move an item to another key");
          }
          def.checkIndexKeys(after);
          after = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(after));
        }
        changes.add(new Change(before, after));
        failures.add(null);
      } catch (RuntimeException e) {
        if (steps.size() == 1) {
          throw e;
        }
        failed = true;
        changes.add(null);
        failures.add(e);
      }
    }
    if (failed) {
      throw new TransactionFailure(failures);
    }
    return changes;
  }

  private static Map<String, AttributeValue> keyAttributes(TableDef def, Map<String, AttributeValue> item) {
    Map<String, AttributeValue> key = new LinkedHashMap<>();
    for (String k : def.keyNames()) {
      key.put(k, item.get(k));
    }
    return key;
  }

  private static void checkLive(Table t) {
    if (t.dropped()) {
      throw DynamoDbError.tableNotFound();
    }
  }

  // ---- journal ----

  private CompletableFuture<?> journal(List<byte[]> entries) {
    if (journal == null || entries.isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    return journal.append(entries);
  }

  private static void awaitDurable(CompletableFuture<?> f) {
    f.join();
  }

  private static byte[] tableEntry(TableDef def) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("t", "table");
    e.put("def", def);
    return bytes(e);
  }

  private static byte[] entry(String type, String table, String field, Map<String, AttributeValue> item) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("t", type);
    e.put("table", table);
    if (field != null) {
      e.put(field, Attributes.toWireMap(item));
    }
    return bytes(e);
  }

  private static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void replay(byte[] bytes) {
    JsonNode e;
    try {
      e = JSON.readTree(bytes);
    } catch (IOException ex) {
      throw new UncheckedIOException("unreadable DynamoDB journal entry", ex);
    }
    String type = e.path("t").asText();
    if (type.equals("table")) {
      TableDef def = JSON.convertValue(e.get("def"), TableDef.class);
      Table existing = tables.get(def.qualifiedName());
      if (existing != null) {
        existing.def(def);
      } else {
        tables.put(def.qualifiedName(), new Table(def));
        liveEntries.incrementAndGet();
      }
      return;
    }
    Table t = tables.get(e.path("table").asText());
    if (t == null) {
      LOG.warn("DynamoDB journal entry for an unknown table ignored: {}", e.path("table").asText());
      return;
    }
    switch (type) {
      case "drop" -> {
        tables.remove(t.def().qualifiedName());
        liveEntries.addAndGet(-1 - t.itemCount());
      }
      case "put" -> {
        Map<String, AttributeValue> item = Attributes.fromJsonMap(e.get("item"));
        ItemKey key = t.def().keyOf(item, false);
        liveEntries.addAndGet(t.get(key) == null ? 1 : 0);
        t.putLocked(key, java.util.Collections.unmodifiableMap(item));
      }
      case "del" -> {
        ItemKey key = t.def().keyOf(Attributes.fromJsonMap(e.get("key")), false);
        liveEntries.addAndGet(t.get(key) == null ? 0 : -1);
        t.putLocked(key, null);
      }
      default -> LOG.warn("unknown DynamoDB journal entry type {}", type);
    }
  }

  private void maybeCompact() {
    if (journal == null) {
      return;
    }
    long size = journal.size();
    if (size < compactionThreshold || size < 4 * liveEntries.get()) {
      return;
    }
    if (compactionQueued.compareAndSet(false, true)) {
      compactor.execute(this::compact);
    }
  }

  /** Rewrites the journal as the live state (exclusive: no write runs meanwhile). */
  void compact() {
    gate.writeLock().lock();
    try {
      List<byte[]> snapshot = new ArrayList<>();
      for (Table t : tables.values()) {
        snapshot.add(tableEntry(t.def()));
        for (Map<String, AttributeValue> item : t.items().values()) {
          snapshot.add(entry("put", t.def().qualifiedName(), "item", item));
        }
      }
      journal.compact(snapshot);
    } catch (RuntimeException e) {
      LOG.error("DynamoDB journal compaction failed; the old generation stays live", e);
    } finally {
      compactionQueued.set(false);
      gate.writeLock().unlock();
    }
  }

  /** Entries in the live journal generation (0 in memory), for tests. */
  long journalSize() {
    return journal == null ? 0 : journal.size();
  }

  @Override
  public void close() {
    compactor.shutdown();
    try {
      compactor.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    gate.writeLock().lock();
    try {
      if (journal != null) {
        journal.close();
      }
    } finally {
      gate.writeLock().unlock();
    }
  }
}
