package io.rivulet.firehose.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one delivery stream for {@code /metrics}, named after Firehose's CloudWatch
 * metrics: incoming records and bytes, throttled records, and per destination
 * ({@code DeliveryTo<Destination>.*}) successful deliveries, records, bytes and failed records;
 * and the last {@link #RECENT_ERRORS} delivery errors, for the console (where AWS has its
 * CloudWatch Logs error log). Thread-safe.
 */
public final class DeliveryStats {
  public final LongAdder incomingRecords = new LongAdder();
  public final LongAdder incomingBytes = new LongAdder();
  public final LongAdder incomingPutRequests = new LongAdder();
  public final LongAdder throttledRecords = new LongAdder();
  /** Records that processing sent to the error output (processing-failed). */
  public final LongAdder processingFailedRecords = new LongAdder();
  /** Encrypted buffer records refused on read: failed authentication ({@link BufferCipher}). */
  public final LongAdder decryptionFailures = new LongAdder();
  private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
  /** How many errors {@link #recentErrors} keeps. */
  public static final int RECENT_ERRORS = 20;
  private final Deque<DeliveryError> errors = new ArrayDeque<>(); // guarded by itself

  /**
   * A delivery error: a failed attempt, retried ({@code kind} "DeliveryFailed"), or records sent
   * to the error output ({@code kind} the error output type, e.g. "processing-failed").
   */
  public record DeliveryError(long timeMillis, String kind, String message) {}

  public void recordError(long timeMillis, String kind, String message) {
    synchronized (errors) {
      if (errors.size() == RECENT_ERRORS) {
        errors.removeFirst();
      }
      errors.addLast(new DeliveryError(timeMillis, kind, message));
    }
  }

  /** The most recent errors, oldest first. */
  public List<DeliveryError> recentErrors() {
    synchronized (errors) {
      return List.copyOf(errors);
    }
  }

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
