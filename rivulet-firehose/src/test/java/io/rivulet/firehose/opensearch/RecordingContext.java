package io.rivulet.firehose.opensearch;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link DeliveryContext} for writer tests: a clock that only moves when the writer sleeps (by
 * exactly the time it asked for, so retries take no wall time), an optional action run on each
 * sleep (to mend or break the cluster between attempts), and everything written to the error
 * output and backup kept for assertions. Thread-safe.
 */
final class RecordingContext implements DeliveryContext {
  /** One writeErrorOutput call. */
  record ErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines) {}

  private final AtomicLong millis;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<ErrorOutput> errorOutputs = new CopyOnWriteArrayList<>();
  final List<DeliveryBatch> backups = new CopyOnWriteArrayList<>();
  final Map<String, Long> delivered = new ConcurrentHashMap<>();
  final Map<String, Long> deliveredBytes = new ConcurrentHashMap<>();
  final Map<String, Long> failed = new ConcurrentHashMap<>();
  volatile Runnable onSleep = () -> {};

  RecordingContext(long startMillis) {
    this.millis = new AtomicLong(startMillis);
  }

  @Override
  public Clock clock() {
    return new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
      }
    };
  }

  long now() {
    return millis.get();
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    millis.addAndGet(duration.toMillis());
    onSleep.run();
  }

  @Override
  public void writeErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines)
      throws DeliveryException {
    errorOutputs.add(new ErrorOutput(batch, outputType, List.copyOf(lines)));
  }

  @Override
  public void writeBackup(DeliveryBatch batch) {
    backups.add(batch);
  }

  @Override
  public void delivered(String destination, int records, long bytes, long oldestArrivalMillis) {
    delivered.merge(destination, (long) records, Long::sum);
    deliveredBytes.merge(destination, bytes, Long::sum);
  }

  @Override
  public void failed(String destination, int records) {
    failed.merge(destination, (long) records, Long::sum);
  }

  /** All error output lines written, in order. */
  List<byte[]> errorLines() {
    List<byte[]> all = new ArrayList<>();
    errorOutputs.forEach(e -> all.addAll(e.lines()));
    return all;
  }

  Duration totalSlept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }
}
