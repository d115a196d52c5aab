package io.rivulet.firehose.pipeline;

import io.rivulet.firehose.util.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;

/**
 * A delivery context for writer tests: its clock moves only when the writer sleeps, by exactly
 * the time asked for (so retry durations of minutes pass at once), an optional hook runs at each
 * sleep (to mend or break a destination between attempts), and every sleep, error output, backup
 * and metric is recorded. Subclasses may write the outputs somewhere real (see the S3 tests).
 * Thread-safe.
 */
public class RecordingDeliveryContext implements DeliveryContext {
  /** One writeErrorOutput call. */
  public record ErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines) {}

  /** One delivered ({@code delivered} true) or failed call. */
  public record Count(String destination, int records, long bytes, boolean delivered) {}

  private final ManualClock clock;
  private volatile IntConsumer onSleep = n -> { };
  public final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  public final List<ErrorOutput> errorOutputs = new CopyOnWriteArrayList<>();
  public final List<DeliveryBatch> backups = new CopyOnWriteArrayList<>();
  public final List<Count> counts = new CopyOnWriteArrayList<>();

  public RecordingDeliveryContext(long startMillis) {
    this.clock = new ManualClock(startMillis);
  }

  public RecordingDeliveryContext(Instant start) {
    this(start.toEpochMilli());
  }

  /** Runs {@code hook} with the wait's number (1, 2, ...) at each sleep, before the clock moves. */
  public void onSleep(IntConsumer hook) {
    this.onSleep = hook;
  }

  /** Moves the clock without a sleep: time an attempt itself takes. */
  public void advance(Duration duration) {
    clock.advance(duration);
  }

  /** The clock's current time in epoch milliseconds. */
  public long now() {
    return clock.millis();
  }

  /** The total time the writer waited. */
  public Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  /** All error output lines written, in order. */
  public List<byte[]> errorLines() {
    List<byte[]> all = new ArrayList<>();
    errorOutputs.forEach(e -> all.addAll(e.lines()));
    return all;
  }

  /** Records counted as delivered, per destination name. */
  public Map<String, Long> deliveredRecords() {
    return sum(true, false);
  }

  /** Bytes counted as delivered, per destination name. */
  public Map<String, Long> deliveredBytes() {
    return sum(true, true);
  }

  /** Records counted as failed, per destination name. */
  public Map<String, Long> failedRecords() {
    return sum(false, false);
  }

  /** How many times the writer reported a delivery. */
  public long deliveries() {
    return counts.stream().filter(Count::delivered).count();
  }

  private Map<String, Long> sum(boolean delivered, boolean bytes) {
    Map<String, Long> sums = new LinkedHashMap<>();
    for (Count c : counts) {
      if (c.delivered() == delivered) {
        sums.merge(c.destination(), bytes ? c.bytes() : c.records(), Long::sum);
      }
    }
    return sums;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    onSleep.accept(sleeps.size());
    clock.advance(duration);
  }

  @Override
  public void writeErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines)
      throws DeliveryException {
    errorOutputs.add(new ErrorOutput(batch, outputType, List.copyOf(lines)));
  }

  @Override
  public void writeBackup(DeliveryBatch batch) throws DeliveryException {
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
