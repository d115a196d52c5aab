package io.rivulet.firehose.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one delivery stream for {@code /metrics}, named after Firehose's CloudWatch
 * metrics: incoming records and bytes, throttled records, and per destination
 * ({@code DeliveryTo<Destination>.*}) successful deliveries, records, bytes and failed records.
 * Thread-safe.
 */
public final class DeliveryStats {
  public final LongAdder incomingRecords = new LongAdder();
  public final LongAdder incomingBytes = new LongAdder();
  public final LongAdder incomingPutRequests = new LongAdder();
  public final LongAdder throttledRecords = new LongAdder();
  /** Records that processing sent to the error output (processing-failed). */
  public final LongAdder processingFailedRecords = new LongAdder();
  private final Map<String, Destination> destinations = new ConcurrentHashMap<>();

  /** {@code DeliveryTo<name>.*}. */
  public static final class Destination {
    public final LongAdder success = new LongAdder();
    public final LongAdder records = new LongAdder();
    public final LongAdder bytes = new LongAdder();
    public final LongAdder failedRecords = new LongAdder();
  }

  public Destination destination(String name) {
    return destinations.computeIfAbsent(name, n -> new Destination());
  }

  /** Every destination that reported so far, by name. */
  public Map<String, Destination> destinations() {
    return Map.copyOf(destinations);
  }
}
