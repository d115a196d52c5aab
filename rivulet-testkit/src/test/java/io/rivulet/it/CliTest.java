package io.rivulet.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.it.Launcher.Run;
import io.rivulet.testkit.RivuletExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The user verbs through the real launcher, as a user runs them ({@code ./rivulet streams …},
 * {@code put}, {@code tail}), against a live server: output, exit codes, bad input.
 */
class CliTest {
  static final Path LAUNCHER = Launcher.LAUNCHER;

  @RegisterExtension static RivuletExtension rivulet = new RivuletExtension();

  static Run rivulet(String stdin, String... args) throws IOException, InterruptedException {
    return Launcher.run(rivulet.endpoint(), stdin, args);
  }

  @Test
  void replayCopiesATimeRangeToAStreamOrAFile() throws Exception {
    String since = java.time.Instant.now().minusSeconds(1).toString();
    assertThat(rivulet(null, "streams", "create", "replay-src", "--shards", "2").exit()).isZero();
    assertThat(rivulet(null, "streams", "create", "replay-dst").exit()).isZero();
    assertThat(rivulet("one\ntwo\nthree\n", "put", "replay-src").exit()).isZero();
    Run toStream = rivulet(null, "replay", "replay-src", "--since", since, "--to", "replay-dst");
    assertThat(toStream.exit()).as(toStream.err()).isZero();
    assertThat(toStream.err()).contains("replayed 3 record(s)");
    assertThat(rivulet(null, "tail", "replay-dst", "--from", "trim-horizon").out().lines().toList())
        .containsExactlyInAnyOrder("one", "two", "three");
    Path file = Files.createTempFile("replay", ".jsonl");
    Run toFile = rivulet(null, "replay", "replay-src", "--since", since, "--to-file", file.toString());
    assertThat(toFile.exit()).as(toFile.err()).isZero();
    assertThat(Files.readAllLines(file)).hasSize(3).allSatisfy(l -> assertThat(l).contains("\"partitionKey\""));
    Files.delete(file);
    assertThat(rivulet(null, "replay", "replay-src", "--since", since).exit()).as("a target is required").isEqualTo(2);
  }

  @Test
  void createPutTailReshardAndErrors() throws Exception {
    assertThat(Files.isExecutable(LAUNCHER)).isTrue();
    Run create = rivulet(null, "streams", "create", "clitest", "--shards", "2");
    assertThat(create.exit()).as(create.err()).isZero();
    assertThat(create.out()).contains("clitest").contains("ACTIVE").contains("shardId-000000000001");

    Run list = rivulet(null, "streams", "list", "--output", "json");
    JsonNode streams = new ObjectMapper().readTree(list.out());
    assertThat(streams.findValuesAsText("name")).contains("clitest");

    Run put = rivulet("alpha\nbeta\ngamma\n", "put", "clitest");
    assertThat(put.exit()).as(put.err()).isZero();
    assertThat(put.err()).contains("put 3 record(s) to clitest");

    Run tail = rivulet(null, "tail", "clitest", "--from", "trim-horizon");
    assertThat(tail.exit()).as(tail.err()).isZero();
    assertThat(tail.out().lines().toList()).containsExactlyInAnyOrder("alpha", "beta", "gamma");

    Run reshard = rivulet(null, "streams", "reshard", "clitest", "--shards", "3");
    assertThat(reshard.exit()).as(reshard.err()).isZero();
    assertThat(reshard.out()).contains("closed").contains("open");
    rivulet("delta\n", "put", "clitest", "--partition-key", "k");
    Run after = rivulet(null, "tail", "clitest", "--from", "trim-horizon", "--output", "json");
    List<String> data = after.out().lines().map(l -> {
      try {
        return new ObjectMapper().readTree(l).get("data").asText();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).toList();
    assertThat(data).as("tail follows the parents into their children")
        .containsExactlyInAnyOrder("alpha", "beta", "gamma", "delta");

    Run missing = rivulet(null, "streams", "describe", "nope");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err().strip())
        .isEqualTo("error: ResourceNotFoundException: Stream nope under account 000000000000 not found.");
    Run usage = rivulet(null, "streams", "create");
    assertThat(usage.exit()).isEqualTo(2);
    assertThat(usage.err()).contains("Missing required parameter");
    Run bench = rivulet(null, "bench", "--endpoint", rivulet.endpoint().toString(), "--shards", "1",
        "--connections", "1", "--batch", "50", "--warmup", "0", "--duration", "1");
    assertThat(bench.exit()).as(bench.err()).isZero();
    assertThat(bench.out() + bench.err()).contains("records/s");
    Run help = rivulet(null, "put", "--help");
    assertThat(help.exit()).isZero();
    assertThat(help.out()).contains("--partition-key");
  }
}
