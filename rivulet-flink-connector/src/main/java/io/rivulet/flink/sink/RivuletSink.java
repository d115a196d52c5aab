package io.rivulet.flink.sink;

import io.rivulet.flink.connect.RivuletConnection;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.common.serialization.SerializationSchema;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Sink V2 of a Rivulet stream: elements are serialized, given a partition key and appended in
 * PutRecords-sized batches (up to 500 records or 5 MiB, or what came within the buffer time),
 * several batches in flight; records a
 * batch could not store (throttling, internal failures) are sent again with back-off. Each
 * checkpoint waits until everything written before it is stored, so delivery is at-least-once
 * (a restore may write records of the last incomplete checkpoint again). Build one with {@link
 * #builder()}. Immutable and serializable.
 */
public final class RivuletSink<T> implements Sink<T> {
  private static final long serialVersionUID = 1L;

  final RivuletConnection connection;
  final String stream;
  final SerializationSchema<T> serializer;
  final PartitionKeySelector<T> partitionKeys;
  final int maxBatchRecords;
  final int maxInFlight;
  final int maxAttempts;
  final Duration retryBackoff;
  final Duration maxBufferTime;

  private RivuletSink(Builder<T> b) {
    this.connection = Objects.requireNonNull(b.connection, "connection");
    this.stream = Objects.requireNonNull(b.stream, "stream");
    this.serializer = Objects.requireNonNull(b.serializer, "serializer");
    this.partitionKeys = b.partitionKeys;
    this.maxBatchRecords = b.maxBatchRecords;
    this.maxInFlight = b.maxInFlight;
    this.maxAttempts = b.maxAttempts;
    this.retryBackoff = b.retryBackoff;
    this.maxBufferTime = b.maxBufferTime;
  }

  public static <T> Builder<T> builder() {
    return new Builder<>();
  }

  @Override
  public SinkWriter<T> createWriter(WriterInitContext context) throws java.io.IOException {
    try {
      serializer.open(context.asSerializationSchemaInitializationContext());
    } catch (Exception e) {
      throw new java.io.IOException("opening the serialization schema failed", e);
    }
    RivuletSinkWriter<T> writer =
        new RivuletSinkWriter<>(this, context.getProcessingTimeService());
    context.metricGroup().gauge("rivuletRetriedRecords", writer::retriedRecords);
    return writer;
  }

  /** Builds a {@link RivuletSink}. Not thread-safe. */
  public static final class Builder<T> {
    private RivuletConnection connection = RivuletConnection.inProcess();
    private String stream;
    private SerializationSchema<T> serializer;
    private PartitionKeySelector<T> partitionKeys = PartitionKeySelector.random();
    private int maxBatchRecords = 500;
    private int maxInFlight = 4;
    private int maxAttempts = 10;
    private Duration retryBackoff = Duration.ofMillis(100);
    private Duration maxBufferTime = Duration.ofMillis(200);

    private Builder() {}

    /** How to reach the streams (default: in-process, account 000000000000, us-east-1). */
    public Builder<T> connection(RivuletConnection c) {
      this.connection = c;
      return this;
    }

    /** The stream's name (in the connection's account and region) or ARN. */
    public Builder<T> stream(String nameOrArn) {
      this.stream = nameOrArn;
      return this;
    }

    public Builder<T> serializer(SerializationSchema<T> s) {
      this.serializer = s;
      return this;
    }

    /** The partition key of each element (default: a random UUID). */
    public Builder<T> partitionKey(PartitionKeySelector<T> p) {
      this.partitionKeys = Objects.requireNonNull(p);
      return this;
    }

    /** Records per append (1 to 500, default 500). */
    public Builder<T> maxBatchRecords(int n) {
      if (n < 1 || n > 500) {
        throw new IllegalArgumentException("maxBatchRecords must be 1 to 500: " + n);
      }
      this.maxBatchRecords = n;
      return this;
    }

    /** Appends in flight at once (default 4; 1 keeps every record in write order). */
    public Builder<T> maxInFlight(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxInFlight must be positive: " + n);
      }
      this.maxInFlight = n;
      return this;
    }

    /** Tries per record before the job fails (default 10), and the first back-off (100 ms). */
    public Builder<T> retries(int attempts, Duration backoff) {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts must be positive: " + attempts);
      }
      this.maxAttempts = attempts;
      this.retryBackoff = Objects.requireNonNull(backoff);
      return this;
    }

    /** The longest a record waits in the buffer for its batch to fill (default 200 ms). */
    public Builder<T> maxBufferTime(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("maxBufferTime must be positive: " + d);
      }
      this.maxBufferTime = d;
      return this;
    }

    public RivuletSink<T> build() {
      return new RivuletSink<>(this);
    }
  }
}
