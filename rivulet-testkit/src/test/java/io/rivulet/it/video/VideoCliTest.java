package io.rivulet.it.video;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.it.Launcher;
import io.rivulet.it.Launcher.Run;
import io.rivulet.testkit.RivuletExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ./rivulet video …} through the real launcher, as a user runs it: create with tags, list
 * as a table and as JSON, describe, delete, and the errors with their exit codes.
 */
class VideoCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static Run rivulet(String... args) throws Exception {
    return Launcher.run(rivulet.endpoint(), null, args);
  }

  @Test
  void createListDescribeDelete() throws Exception {
    Run created = rivulet("video", "create", "porch", "--retention-hours", "12", "--media-type",
        "video/h264", "--tag", "site=home");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out().trim()).matches("arn:aws:kinesisvideo:us-east-1:\\d{12}:stream/porch/\\d{13}");

    Run list = rivulet("video", "list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("NAME").contains("RETENTION_HOURS").contains("porch").contains("ACTIVE").contains("video/h264")
        .contains("12");
    Run json = rivulet("video", "list", "--prefix", "po", "--output", "json");
    JsonNode rows = JSON.readTree(json.out());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("name").asText()).isEqualTo("porch");
    assertThat(rows.get(0).get("retention_hours").asInt()).isEqualTo(12);

    Run described = rivulet("video", "describe", "porch", "--output", "json");
    assertThat(described.exit()).as(described.err()).isZero();
    JsonNode info = JSON.readTree(described.out()).get("StreamInfo");
    assertThat(info.get("StreamARN").asText()).isEqualTo(created.out().trim());
    assertThat(info.get("DataRetentionInHours").asInt()).isEqualTo(12);
    Run table = rivulet("video", "describe", "porch");
    assertThat(table.out()).contains("site").contains("home");

    Run deleted = rivulet("video", "delete", "porch");
    assertThat(deleted.exit()).as(deleted.err()).isZero();
    Run missing = rivulet("video", "describe", "porch");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).startsWith("error: ResourceNotFoundException: ").doesNotContain("\tat ");
    Run badTag = rivulet("video", "create", "x", "--tag", "novalue");
    assertThat(badTag.exit()).isEqualTo(2);
    assertThat(badTag.err()).contains("KEY=VALUE");
  }
}
