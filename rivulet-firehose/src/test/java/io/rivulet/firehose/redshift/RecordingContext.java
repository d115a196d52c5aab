package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A DeliveryContext for writer tests: a clock that only {@link #sleep} moves (no test waits on wall
 * time), a record of every wait, delivery and failure, and a hook run at each wait (to change the
 * world between retries). Thread-safe.
 */
final class RecordingContext implements DeliveryContext {
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final AtomicInteger deliveredRecords = new AtomicInteger();
  final AtomicLong deliveredBytes = new AtomicLong();
  final AtomicInteger deliveries = new AtomicInteger();
  final AtomicInteger failedRecords = new AtomicInteger();
  final AtomicInteger errorOutputs = new AtomicInteger();
  private volatile Clock clock;
  private volatile Consumer<Integer> onSleep = n -> { };

  RecordingContext(Instant start) {
    this.clock = Clock.fixed(start, ZoneOffset.UTC);
  }

  /** Runs {@code hook} with the wait's number (1, 2, ...) at each wait, before the clock moves. */
  void onSleep(Consumer<Integer> hook) {
    this.onSleep = hook;
  }

  Duration slept() {
    return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    onSleep.accept(sleeps.size());
    clock = Clock.offset(clock, duration);
  }

  @Override
  public void writeErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines) {
    errorOutputs.incrementAndGet();
  }

  @Override
  public void writeBackup(DeliveryBatch batch) {
    throw new AssertionError("the Redshift writer leaves the S3 backup to the delivery stream");
  }

  @Override
  public void delivered(String destination, int records, long bytes, long oldestArrivalMillis) {
    if (!RedshiftDestinationWriter.DESTINATION.equals(destination)) {
      throw new AssertionError("destination " + destination);
    }
    deliveries.incrementAndGet();
    deliveredRecords.addAndGet(records);
    deliveredBytes.addAndGet(bytes);
  }

  @Override
  public void failed(String destination, int records) {
    failedRecords.addAndGet(records);
  }
}
