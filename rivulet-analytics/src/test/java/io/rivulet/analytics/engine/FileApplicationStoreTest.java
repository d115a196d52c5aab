package io.rivulet.analytics.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applications written as files come back equal; a damaged file is left out, not fatal. */
class FileApplicationStoreTest {
  static Application app(String name) {
    return new Application("000000000000", "us-east-1", name, "d", "FLINK-2_2", "arn:aws:iam::0:role/r",
        "STREAMING", "RUNNING", 2, 1000, 2000, 2000,
        Map.of("EnvironmentProperties", Map.of("PropertyGroups", List.of(Map.of("PropertyGroupId", "g",
            "PropertyMap", Map.of("k", "v"))))),
        List.of(Map.of("CloudWatchLoggingOptionId", "1.1", "LogStreamARN", "arn:aws:logs:x")),
        Map.of("ApplicationRestoreConfiguration", Map.of("ApplicationRestoreType", "SKIP_RESTORE_FROM_SNAPSHOT")),
        new Application.StoredCode("a/b/2.zip", "abc", 3), "06:00", 1L, null, null,
        Map.of("team", "web"), Map.of("CloudWatchLoggingOptionId", 1));
  }

  @Test
  void roundTrip(@TempDir Path dir) throws Exception {
    FileApplicationStore store = new FileApplicationStore(dir);
    Application v1 = app("one").toBuilder().from();
    ApplicationHistory h = new ApplicationHistory(app("one"), List.of(v1),
        List.of(new OperationRecord("op1", "StartApplication", 5, 6L, "SUCCESSFUL", null, null, null)),
        List.of(new SnapshotRecord("s", "READY", 2, 7, "FLINK-2_2", "x/s", null)));
    store.save(h);
    store.save(new ApplicationHistory(app("two"), List.of(), List.of(), List.of()));
    Files.writeString(dir.resolve("000000000000/us-east-1/broken.json"), "{not json");
    List<ApplicationHistory> loaded = List.copyOf(new FileApplicationStore(dir).load());
    assertThat(loaded).hasSize(2);
    assertThat(loaded.get(0)).isEqualTo(h);
    assertThat(AnalyticsEngine.conditionalToken(loaded.get(0).current()))
        .isEqualTo(AnalyticsEngine.conditionalToken(h.current()));
    store.delete(app("two"));
    assertThat(new FileApplicationStore(dir).load()).hasSize(1);
  }
}
