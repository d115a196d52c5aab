package io.rivulet.firehose.http;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A delivery context for writer tests: its clock moves only when the writer sleeps (so retry
 * durations of minutes pass at once), and it records every sleep, error output, backup and metric.
 * Thread-safe.
 */
public final class RecordingDeliveryContext implements DeliveryContext {
  /** One writeErrorOutput call. */
  public record ErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines) {}

  /** One delivered/failed call. */
  public record Count(String destination, int records, long bytes, boolean delivered) {}

  private final AtomicLong millis;
  private final Clock clock;
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  public final List<ErrorOutput> errorOutputs = new CopyOnWriteArrayList<>();
  public final List<DeliveryBatch> backups = new CopyOnWriteArrayList<>();
  public final List<Count> counts = new CopyOnWriteArrayList<>();

  public RecordingDeliveryContext(long startMillis) {
    this.millis = new AtomicLong(startMillis);
    this.clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
      }
    };
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    millis.addAndGet(duration.toMillis());
  }

  /** The total time the writer waited. */
  public Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public void writeErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines) {
    errorOutputs.add(new ErrorOutput(batch, outputType, List.copyOf(lines)));
  }

  @Override
  public void writeBackup(DeliveryBatch batch) {
    backups.add(batch);
  }

  @Override
  public void delivered(String destination, int records, long bytes, long oldestArrivalMillis) {
    counts.add(new Count(destination, records, bytes, true));
  }

  @Override
  public void failed(String destination, int records) {
    counts.add(new Count(destination, records, 0, false));
  }
}
