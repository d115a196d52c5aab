package io.rivulet.flink.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.flink.connect.RivuletConnection;
import io.rivulet.flink.source.StartingPosition;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.junit.jupiter.api.Test;

/** Table options become connections and start positions; bad values name the option. */
class RivuletTableOptionsTest {
  static Configuration options(Map<String, String> m) {
    return Configuration.fromMap(m);
  }

  @Test
  void noEndpointOrInProcessMeansInProcessAndAUrlMeansRemote() {
    assertThat(RivuletTableOptions.connection(options(Map.of())).isInProcess()).isTrue();
    assertThat(RivuletTableOptions.connection(options(Map.of("endpoint", "in-process")))
        .isInProcess()).isTrue();
    RivuletConnection remote = RivuletTableOptions.connection(options(Map.of(
        "aws.endpoint", "http://127.0.0.1:4567", "aws.region", "eu-west-1",
        "aws.credentials.basic.accesskeyid", "AKID", "aws.credentials.basic.secretkey", "s")));
    assertThat(remote.isInProcess()).isFalse();
    assertThat(remote.region()).isEqualTo("eu-west-1");
    assertThat(remote.toString()).doesNotContain("AKID").doesNotContain("\"s\"");
    assertThatThrownBy(() -> RivuletTableOptions.connection(options(Map.of(
        "aws.endpoint", "localhost")))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("'in-process' or a URL");
    assertThatThrownBy(() -> RivuletTableOptions.connection(options(Map.of(
        "aws.credentials.basic.accesskeyid", "AKID")))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("secret key");
  }

  @Test
  void startModesAndTimestampForms() {
    assertThat(RivuletTableOptions.start(options(Map.of()))).isEqualTo(StartingPosition.latest());
    assertThat(RivuletTableOptions.start(options(Map.of("scan.startup.mode", "trim-horizon"))))
        .isEqualTo(StartingPosition.trimHorizon());
    Instant t = Instant.parse("2026-03-01T12:30:00Z");
    for (String form : new String[] {"1772368200000", "2026-03-01T12:30:00Z",
        "2026-03-01T13:30:00+01:00", "2026-03-01 12:30:00", "2026-03-01T12:30:00"}) {
      assertThat(RivuletTableOptions.start(options(Map.of("scan.startup.mode", "at-timestamp",
          "scan.startup.timestamp", form)))).as(form).isEqualTo(StartingPosition.atTimestamp(t));
    }
    assertThatThrownBy(() -> RivuletTableOptions.start(options(Map.of(
        "scan.startup.mode", "at-timestamp", "scan.startup.timestamp", "yesterday"))))
        .isInstanceOf(ValidationException.class).hasMessageContaining("'scan.startup.timestamp'");
  }
}
