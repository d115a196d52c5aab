package io.rivulet.firehose.engine;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The {@link DeliveryContext} of one delivery stream: the injected clock; waits measured on that
 * clock (so a test's clock decides when a retry happens, checked every poll interval of wall
 * time); the S3 error output and backup of the stream's current destination; and its counters.
 * Error output written is also kept among the stream's recent errors. A backup is always of
 * source records: when a writer backs up the (processed) batch of the range being delivered, the
 * source records of that range are written instead. Thread-safe.
 */
final class StreamContext implements DeliveryContext {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Clock clock;
  private final Duration poll;
  private final Supplier<DeliveryStreamMeta> meta;
  private final Destinations.S3Outputs outputs;
  private final DeliveryStats stats;
  private volatile DeliveryBatch source; // the range being delivered, as buffered

  StreamContext(Clock clock, Duration poll, Supplier<DeliveryStreamMeta> meta,
      Destinations.S3Outputs outputs, DeliveryStats stats) {
    this.clock = clock;
    this.poll = poll;
    this.meta = meta;
    this.outputs = outputs;
    this.stats = stats;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void sleep(Duration duration) throws InterruptedException {
    sleepOn(clock, poll, duration);
  }

  /** Waits until {@code clock} has moved {@code duration} on, looking every {@code poll}. */
  static void sleepOn(Clock clock, Duration poll, Duration duration) throws InterruptedException {
    long deadline = clock.millis() + duration.toMillis();
    long step = Math.max(1, poll.toMillis());
    for (long left = duration.toMillis(); left > 0; left = deadline - clock.millis()) {
      Thread.sleep(Math.min(left, step));
    }
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
  }

  /** The source records of the range now being delivered (null: none). */
  void delivering(DeliveryBatch sourceBatch) {
    source = sourceBatch;
  }

  @Override
  public void writeErrorOutput(DeliveryBatch batch, String outputType, List<byte[]> lines)
      throws DeliveryException {
    outputs.writeErrorOutput(meta.get(), batch, outputType, lines);
    if (!lines.isEmpty()) {
      stats.recordError(clock.millis(), outputType, lines.size() + " record(s) to the error output; "
          + firstError(lines.get(0)));
    }
  }

  /** "errorCode: errorMessage" of an error output line (all of Firehose's formats have both). */
  private static String firstError(byte[] line) {
    try {
      JsonNode n = JSON.readTree(line);
      return n.path("errorCode").asText("?") + ": " + n.path("errorMessage").asText("");
    } catch (IOException e) {
      return "?";
    }
  }

  @Override
  public void writeBackup(DeliveryBatch batch) throws DeliveryException {
    DeliveryBatch s = source;
    boolean sameRange = s != null && s.firstOffset() == batch.firstOffset()
        && s.lastOffset() == batch.lastOffset()
        && s.deliveryStreamArn().equals(batch.deliveryStreamArn());
    outputs.writeBackup(meta.get(), sameRange ? s : batch);
  }

  @Override
  public void delivered(String destination, int records, long bytes, long oldestArrivalMillis) {
    DeliveryStats.Destination d = stats.destination(destination);
    d.success.increment();
    d.records.add(records);
    d.bytes.add(bytes);
  }

  @Override
  public void failed(String destination, int records) {
    stats.destination(destination).failedRecords.add(records);
  }
}
