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
  void emptyOnFirstStart() {
    assertThat(new FileMetadataStore(dir).load()).isEmpty();
  }
}
