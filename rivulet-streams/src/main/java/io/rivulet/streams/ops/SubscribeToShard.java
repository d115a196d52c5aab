package io.rivulet.streams.ops;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.EventStreamOutput;
import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.FanOut;
import io.rivulet.streams.engine.SequenceNumbers;
import io.rivulet.streams.engine.ShardMeta;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import io.rivulet.streams.model.Shapes;
import io.rivulet.streams.model.Shapes.ChildShard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SubscribeToShard: an HTTP/2 event stream of SubscribeToShardEvents for a registered, ACTIVE
 * consumer. Records are pushed as they are appended (a durable append wakes the subscription);
 * with nothing new an empty event goes out every {@value #HEARTBEAT_MILLIS} ms; the subscription
 * ends after 5 minutes (engine clock), at the end of a closed shard (an event with ChildShards and
 * no ContinuationSequenceNumber, which is how KCL recognises the end), or when a
 * newer subscription of the same consumer to the same shard takes over (a second one within 5
 * seconds is refused with ResourceInUseException, as AWS does).
 */
public final class SubscribeToShard
    extends KinesisOperation<SubscribeToShard.Input, SubscribeToShard.Subscription> {
  static final long LIFETIME_MILLIS = 300_000;
  static final long TAKEOVER_AFTER_MILLIS = 5_000;
  static final long HEARTBEAT_MILLIS = 5_000;
  static final int MAX_RECORDS_PER_EVENT = 10_000;
  static final long MAX_BYTES_PER_EVENT = 1024 * 1024;

  public record StartingPosition(String type, String sequenceNumber, Instant timestamp) {}

  public record Input(String consumerARN, String shardId, StartingPosition startingPosition) {}

  /** The event SubscribeToShard streams. */
  public record SubscribeToShardEvent(List<GetRecords.Record> records, String continuationSequenceNumber,
      Long millisBehindLatest, List<ChildShard> childShards) {}

  /** The (empty) initial response. */
  public record InitialResponse() {}

  public SubscribeToShard(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Subscription call(Input in, RequestContext ctx) {
    StreamKey[] stream = new StreamKey[1];
    ConsumerMeta consumer = StreamRefs.consumer(engine, null, null, in.consumerARN(), stream);
    StreamMeta meta = engine.describe(stream[0]);
    if (!consumer.status().equals(StreamMeta.ACTIVE)) {
      throw KinesisError.RESOURCE_IN_USE.with("Consumer " + consumer.arn(meta)
          + " is not ACTIVE, instead in state " + consumer.status() + ".");
    }
    StartingPosition p = in.startingPosition();
    long offset = data.startOffset(stream[0], in.shardId(), p.type(), p.sequenceNumber(), p.timestamp());
    ShardMeta shard = meta.shard(ShardMeta.parseIndex(in.shardId()));
    FanOut fanOut = data.fanOut();
    String consumerArn = consumer.arn(meta);
    long now = engine.clock().millis();
    synchronized (fanOut) {
      FanOut.Subscriber previous = fanOut.current(consumerArn, shard.shardId());
      if (previous instanceof Subscription old && !old.finished()) {
        if (now - old.startedMillis < TAKEOVER_AFTER_MILLIS) {
          throw KinesisError.RESOURCE_IN_USE.with("Another active subscription exists for consumer "
              + consumerArn + " and shard " + shard.shardId() + ".");
        }
        old.takenOver();
      }
      Subscription s = new Subscription(stream[0], meta, shard, consumer.name(), consumerArn, offset, now);
      fanOut.register(consumerArn, shard.shardId(), s);
      return s;
    }
  }

  /** One live subscription: a publisher of events with demand-driven delivery. Thread-safe. */
  public final class Subscription implements EventStreamOutput, FanOut.Subscriber {
    private final StreamKey key;
    private final StreamMeta stream;
    private final ShardMeta shard;
    private final String consumerName;
    private final String consumerArn;
    private final String logName;
    final long startedMillis;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile boolean takenOver;
    private volatile Flow.Subscriber<? super Event> subscriber;
    private long offset; // guarded by the drain loop (one thread at a time)
    private long lastEventNanos = System.nanoTime() - HEARTBEAT_MILLIS * 1_000_000;

    Subscription(StreamKey key, StreamMeta stream, ShardMeta shard, String consumerName,
        String consumerArn, long offset, long startedMillis) {
      this.key = key;
      this.stream = stream;
      this.shard = shard;
      this.consumerName = consumerName;
      this.consumerArn = consumerArn;
      this.logName = stream.logName(shard);
      this.offset = offset;
      this.startedMillis = startedMillis;
    }

    @Override
    public Object initialResponse() {
      return new InitialResponse();
    }

    @Override
    public String logName() {
      return logName;
    }

    boolean finished() {
      return done.get();
    }

    void takenOver() {
      takenOver = true;
      data.fanOut().wake(this);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Event> s) {
      subscriber = s;
      s.onSubscribe(new Flow.Subscription() {
        @Override
        public void request(long n) {
          if (n > 0) {
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            data.fanOut().wake(Subscription.this);
          }
        }

        @Override
        public void cancel() {
          finish();
        }
      });
    }

    @Override
    public void drain() {
      if (subscriber == null || wip.getAndIncrement() != 0) {
        return;
      }
      do {
        try {
          while (!done.get() && demand.get() > 0 && deliverOne()) {
            // keep going while there is demand and something was sent
          }
        } catch (AwsException e) {
          fail(e);
        } catch (RuntimeException e) {
          fail(KinesisError.INTERNAL_FAILURE.with("Internal service failure."));
        }
      } while (wip.decrementAndGet() != 0);
    }

    /** Sends at most one event; true when it did and more may follow at once. */
    private boolean deliverOne() {
      if (takenOver) {
        throw KinesisError.RESOURCE_IN_USE.with("Another subscription of consumer " + consumerArn
            + " to shard " + shard.shardId() + " took over.");
      }
      if (engine.clock().millis() - startedMillis >= LIFETIME_MILLIS) {
        complete();
        return false;
      }
      ConsumerMeta c = engine.describe(key).consumer(consumerName);
      if (c == null || !c.arn(stream).equals(consumerArn) || !c.status().equals(StreamMeta.ACTIVE)) {
        throw StreamsEngine.consumerNotFound(key, consumerName);
      }
      DataPlane.Batch b = data.readForSubscription(key, stream.createdMillis(), shard.index(), offset,
          MAX_RECORDS_PER_EVENT, MAX_BYTES_PER_EVENT);
      boolean heartbeat = System.nanoTime() - lastEventNanos >= HEARTBEAT_MILLIS * 1_000_000;
      if (b.records().isEmpty() && !b.shardEnded() && !heartbeat) {
        return false;
      }
      List<GetRecords.Record> records = new ArrayList<>(b.records().size());
      for (DataPlane.ReadRecord r : b.records()) {
        records.add(new GetRecords.Record(r.sequenceNumber(), r.arrival(), r.data(), r.partitionKey(),
            r.encrypted() ? "KMS" : null));
      }
      offset = b.next();
      // at the end of a closed shard AWS sends ChildShards and no continuation (KCL rejects the
      // event as invalid if both are present, and never reaches SHARD_END)
      String continuation = b.shardEnded() ? null
          : SequenceNumbers.encode(shard.index(), shard.createdMillis(), offset - 1);
      List<ChildShard> children = b.shardEnded() ? Shapes.childShards(engine.describe(key), shard) : null;
      demand.decrementAndGet();
      lastEventNanos = System.nanoTime();
      subscriber.onNext(Event.of("SubscribeToShardEvent",
          new SubscribeToShardEvent(records, continuation, b.millisBehindLatest(), children)));
      if (b.shardEnded()) {
        complete();
        return false;
      }
      return !records.isEmpty();
    }

    private void fail(AwsException e) {
      if (finish()) {
        subscriber.onNext(Event.exception(e.code(), e.getMessage()));
        subscriber.onComplete();
      }
    }

    private void complete() {
      if (finish()) {
        subscriber.onComplete();
      }
    }

    private boolean finish() {
      if (done.compareAndSet(false, true)) {
        data.fanOut().unregister(consumerArn, shard.shardId(), this);
        return true;
      }
      return false;
    }
  }
}
