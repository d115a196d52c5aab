package io.rivulet.flink.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.flink.InProcessStreamsFixture;
import io.rivulet.streams.api.StreamId;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.IntStream;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sink writer against a real StreamsService with AWS's shard rates enforced: throttled
 * records are retried until stored, flush waits for them, records the stream refuses fail.
 */
class RivuletSinkWriterTest {
  InProcessStreamsFixture streams = new InProcessStreamsFixture(true);
  final List<ProcessingTimeService.ProcessingTimeCallback> timers = new ArrayList<>();

  /** Timers are kept, not run: the test drives the writer through write and flush. */
  final ProcessingTimeService time = new ProcessingTimeService() {
    @Override
    public long getCurrentProcessingTime() {
      return System.currentTimeMillis();
    }

    @Override
    public ScheduledFuture<?> registerTimer(long at, ProcessingTimeCallback callback) {
      timers.add(callback);
      return null;
    }
  };

  @AfterEach
  void stop() {
    streams.close();
  }

  RivuletSinkWriter<String> writer(String stream) {
    RivuletSink<String> sink = RivuletSink.<String>builder().stream(stream)
        .serializer(new SimpleStringSchema()).partitionKey(s -> "k" + s)
        .retries(20, Duration.ofMillis(50)).build();
    return new RivuletSinkWriter<>(sink, time);
  }

  @Test
  void throttledRecordsAreRetriedUntilStoredAndFlushWaitsForThem() throws Exception {
    StreamId id = streams.create("throttled", 1); // 1,000 records/s
    List<String> data = IntStream.range(0, 1_600).mapToObj(i -> "t" + i).toList();
    RivuletSinkWriter<String> w = writer("throttled");
    for (String d : data) {
      w.write(d, null);
    }
    w.flush(false);
    assertThat(streams.readAll(id)).extracting(InProcessStreamsFixture::utf8)
        .containsExactlyInAnyOrderElementsOf(data);
    assertThat(w.retriedRecords()).isPositive(); // the shard's 1,000 records/s were exceeded
    w.close();
  }

  @Test
  void aTimerSendsAPartialBatch() throws Exception {
    StreamId id = streams.create("partial", 1);
    RivuletSinkWriter<String> w = writer("partial");
    w.write("only", null);
    assertThat(streams.readAll(id)).isEmpty();
    timers.remove(0).onProcessingTime(time.getCurrentProcessingTime());
    InProcessStreamsFixture.await(() -> streams.readAll(id).size() == 1, "the partial batch");
    w.close();
  }

  @Test
  void recordsTheStreamRefusesFailTheWriter() throws Exception {
    streams.create("small", 1);
    RivuletSinkWriter<String> w = writer("small");
    w.write("x".repeat(1_100_000), null); // over the 1 MiB record limit
    assertThatThrownBy(() -> w.flush(false)).isInstanceOf(IOException.class)
        .hasMessageContaining("refused");
    w.close();
  }
}
