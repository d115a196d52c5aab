package io.rivulet.streams.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetadataStoreTest {
  @TempDir Path dir;

  static StreamMeta stream(String name, int retention) {
    ShardMeta shard = new ShardMeta(0, "0", HashKeys.MAX.toString(), null, null, 1000L, null, null);
    return new StreamMeta("000000000000", "us-east-1", name, 1000L, StreamMeta.ACTIVE, "PROVISIONED",
        retention, Map.of("k", "v"), List.of(shard), "NONE", null, List.of(), 1024, 1000L, 1);
  }

  @Test
  void savesAndLoadsEveryField() {
    new FileMetadataStore(dir).save(List.of(stream("a", 24), stream("b", 48)));
    assertThat(new FileMetadataStore(dir).load()).containsExactly(stream("a", 24), stream("b", 48));
  }

  @Test
  void aLeftoverTemporaryFileFromACrashIsIgnored() throws Exception {
    new FileMetadataStore(dir).save(List.of(stream("a", 24)));
    Files.writeString(dir.resolve("streams.json.tmp"), "{half-writ");
    FileMetadataStore reopened = new FileMetadataStore(dir);
    assertThat(reopened.load()).containsExactly(stream("a", 24));
    assertThat(dir.resolve("streams.json.tmp")).doesNotExist();
  }

  @Test
  void savesTheLaterSettingsAndAccountsTogether() {
    StreamMeta full = stream("c", 24).withEncryption("alias/aws/kinesis").withWarmThroughput(100)
        .withResourcePolicy("{\"Version\":\"2012-10-17\",\"Statement\":[]}")
        .withShardLevelMetrics(List.of("IncomingBytes")).withMaxRecordSizeKiB(2048)
        .withRecentUpdate("UpdateStreamMode", 5L);
    AccountSettings committed = new AccountSettings("ENABLED", 1L, null, 2L);
    FileMetadataStore store = new FileMetadataStore(dir);
    store.save(List.of(full));
    store.saveAccounts(Map.of("111111111111", committed));
    store.save(List.of(full, stream("d", 24)));
    FileMetadataStore reopened = new FileMetadataStore(dir);
    assertThat(reopened.load()).containsExactly(full, stream("d", 24));
    assertThat(reopened.loadAccounts()).isEqualTo(Map.of("111111111111", committed));
  }

  @Test
  void aFileOfTheFirstReleaseStillLoads() throws Exception {
    Files.writeString(dir.resolve("streams.json"), """
        [ {"account":"000000000000","region":"us-east-1","name":"old","createdMillis":1000,
           "status":"ACTIVE","mode":"PROVISIONED","retentionHours":24,"tags":{"k":"v"},
           "shards":[{"index":0,"startingHashKey":"0","endingHashKey":"%s","parentShardId":null,
             "adjacentParentShardId":null,"createdMillis":1000,"closedMillis":null,"lastOffset":null}],
           "encryptionType":"NONE","keyId":null,"shardLevelMetrics":[],"maxRecordSizeKiB":1024,
           "statusChangedMillis":1000,"nextShardIndex":1} ]
        """.formatted(HashKeys.MAX));
    FileMetadataStore store = new FileMetadataStore(dir);
    assertThat(store.load()).containsExactly(stream("old", 24));
    assertThat(store.loadAccounts()).isEmpty();
  }

  @Test
  void emptyOnFirstStart() {
    assertThat(new FileMetadataStore(dir).load()).isEmpty();
  }
}
