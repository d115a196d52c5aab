package io.rivulet.benchmarks.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A small run of {@code rivulet bench putmedia} against an in-process server. */
class PutMediaIngestBenchTest {

  @Test
  void twoStreamsUploadEveryFragmentAndTheRatesAreReported() {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new PutMediaIngestBench()).execute("--streams", "2", "--duration",
          "3", "--size", "320x240", "--bitrate", "1M");
    } finally {
      System.setOut(stdout);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(out).isZero();
    assertThat(out).contains("3/3 PERSISTED").containsPattern("all streams: [0-9.]+ MB/s");
  }
}
