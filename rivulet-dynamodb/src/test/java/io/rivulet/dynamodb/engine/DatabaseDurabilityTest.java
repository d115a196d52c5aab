package io.rivulet.dynamodb.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.rivulet.dynamodb.AttributeValue;
import io.rivulet.log.FsyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledged writes survive a reopen, an abandoned (never closed) store, and compaction. */
class DatabaseDurabilityTest {
  @TempDir Path dir;

  static TableDef def(String name) {
    return new TableDef("000000000000", "us-east-1", name, "id", 0, List.of(new TableDef.KeyElement("k", "HASH")),
        Map.of("k", "S", "owner", "S"), List.of(new TableDef.IndexDef("byOwner",
            List.of(new TableDef.KeyElement("owner", "HASH")), "KEYS_ONLY", List.of(), 0, 0)),
        List.of(), "PAY_PER_REQUEST", 0, 0, false, false, Map.of());
  }

  static Map<String, AttributeValue> item(String k, long counter) {
    return Map.of("k", AttributeValue.s(k), "counter", AttributeValue.n(java.math.BigDecimal.valueOf(counter)));
  }

  static ItemKey key(String k) {
    return new ItemKey(AttributeValue.s(k), null);
  }

  @Test
  void writesSurviveReopenAndAnAbandonedStore() {
    Database db = new Database(dir, Clock.systemUTC());
    Table t = db.createTable(def("leases"));
    for (int i = 0; i < 50; i++) {
      int n = i;
      db.write(t, key("k" + (i % 10)), cur -> item("k" + (n % 10), n)).join();
    }
    db.write(t, key("k3"), cur -> null).join();
    db.close();

    Database reopened = new Database(dir, Clock.systemUTC());
    Table r = reopened.table("000000000000", "us-east-1", "leases");
    assertThat(r.itemCount()).isEqualTo(9);
    assertThat(r.get(key("k9")).get("counter")).isEqualTo(AttributeValue.n("49"));
    assertThat(r.def().globalIndexes()).hasSize(1);
    reopened.write(r, key("k0"), cur -> item("k0", 1000)).join();
    // no close: a crashed process; acknowledged writes were fsynced before the future completed
    Database afterCrash = new Database(dir, Clock.systemUTC(), FsyncPolicy.group(), Database.MIN_COMPACTION_ENTRIES);
    assertThat(afterCrash.table("000000000000", "us-east-1", "leases").get(key("k0")).get("counter"))
        .isEqualTo(AttributeValue.n("1000"));
    afterCrash.close();
    reopened.close();
  }

  @Test
  void compactionKeepsTheLiveStateAndDropsHistory() throws Exception {
    Database db = new Database(dir, Clock.systemUTC(), FsyncPolicy.group(), 100);
    Table t = db.createTable(def("leases"));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      int n = i;
      all.add(CompletableFuture.supplyAsync(() -> db.write(t, key("k" + (n % 20)),
          cur -> item("k" + (n % 20), cur == null ? 1 : cur.get("counter").n().longValue() + 1)).join(), pool));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).join();
    pool.shutdown();
    db.close();
    assertThat(Files.readString(dir.resolve(Journal.CURRENT)).trim()).isNotEqualTo("0");
    Database reopened = new Database(dir, Clock.systemUTC(), FsyncPolicy.group(), 100);
    Table r = reopened.table("000000000000", "us-east-1", "leases");
    long total = 0;
    for (Map<String, AttributeValue> item : r.items().values()) {
      total += item.get("counter").n().longValue();
    }
    assertThat(total).as("every increment counted exactly once: atomic per item").isEqualTo(2000);
    assertThat(reopened.journalSize()).isLessThan(1000);
    reopened.close();
  }

  @Test
  void droppedTablesStayDropped() {
    Database db = new Database(dir, Clock.systemUTC());
    Table t = db.createTable(def("gone"));
    db.write(t, key("a"), cur -> item("a", 1)).join();
    db.deleteTable(t);
    db.createTable(def("gone"));
    db.close();
    Database reopened = new Database(dir, Clock.systemUTC());
    assertThat(reopened.table("000000000000", "us-east-1", "gone").itemCount()).isZero();
    reopened.close();
  }
}
