package io.rivulet.streams.ops;

import io.rivulet.protocol.Operation;
import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * AWS's control-plane call rates per account (with {@code --throttling aws}): an operation over its
 * rate gets LimitExceededException. Wraps an operation; data-plane operations (PutRecord(s),
 * GetRecords) are limited per shard instead, and GetShardIterator (5/s per shard on AWS) is not
 * limited. Thread-safe.
 */
public final class RateLimited<I, O> implements Operation<I, O> {
  /** Calls per second per account, as the Kinesis API reference documents them. */
  static final Map<String, Double> RATES = Map.ofEntries(
      Map.entry("AddTagsToStream", 5.0), Map.entry("CreateStream", 5.0),
      Map.entry("DecreaseStreamRetentionPeriod", 5.0), Map.entry("DeleteStream", 5.0),
      Map.entry("DescribeLimits", 1.0), Map.entry("DescribeStream", 10.0),
      Map.entry("DescribeStreamSummary", 20.0),
      Map.entry("IncreaseStreamRetentionPeriod", 5.0), Map.entry("ListShards", 1000.0),
      Map.entry("ListStreams", 5.0), Map.entry("ListTagsForStream", 5.0),
      Map.entry("MergeShards", 5.0), Map.entry("RemoveTagsFromStream", 5.0),
      Map.entry("SplitShard", 5.0));

  private final Operation<I, O> inner;
  private final double rate;
  private final Clock clock;
  private final Map<String, double[]> buckets = new ConcurrentHashMap<>(); // account -> {tokens, last}

  private RateLimited(Operation<I, O> inner, double rate, Clock clock) {
    this.inner = inner;
    this.rate = rate;
    this.clock = clock;
  }

  /** The operation, rate-limited when it has a documented rate. */
  public static <I, O> Operation<I, O> wrap(Operation<I, O> op, Clock clock) {
    Double rate = RATES.get(op.name());
    return rate == null ? op : new RateLimited<>(op, rate, clock);
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Class<I> inputType() {
    return inner.inputType();
  }

  @Override
  public CompletableFuture<O> handle(I input, RequestContext context) {
    double[] b = buckets.computeIfAbsent(context.accountId(), a -> new double[] {rate, clock.millis()});
    synchronized (b) {
      long now = clock.millis();
      b[0] = Math.min(rate, b[0] + (now - b[1]) * rate / 1000.0);
      b[1] = now;
      if (b[0] < 1) {
        throw KinesisError.LIMIT_EXCEEDED.with("Rate exceeded for operation " + name()
            + " in account " + context.accountId() + ".");
      }
      b[0] -= 1;
    }
    return inner.handle(input, context);
  }
}
