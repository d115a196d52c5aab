package io.rivulet.flink.source;

import io.rivulet.streams.api.StreamRecord;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.util.Collector;

/**
 * Deserializes a record into the split's output with the record's ApproximateArrivalTimestamp
 * (epoch millis) as each element's timestamp, then moves the split's position past it. Not
 * thread-safe (the reader's mailbox thread only).
 */
final class RivuletRecordEmitter<T> implements RecordEmitter<StreamRecord, T, RivuletShardSplitState> {
  private final RivuletDeserializationSchema<T> deserializer;
  private final TimestampedCollector<T> collector = new TimestampedCollector<>();

  RivuletRecordEmitter(RivuletDeserializationSchema<T> deserializer) {
    this.deserializer = deserializer;
  }

  @Override
  public void emitRecord(StreamRecord record, SourceOutput<T> output,
      RivuletShardSplitState state) throws Exception {
    collector.output = output;
    collector.timestamp = record.approximateArrivalTimestamp().toEpochMilli();
    deserializer.deserialize(record, state.shardId(), collector);
    state.emitted(record.sequenceNumber());
  }

  /** A collector into a source output with a fixed timestamp. */
  private static final class TimestampedCollector<T> implements Collector<T> {
    SourceOutput<T> output;
    long timestamp;

    @Override
    public void collect(T element) {
      output.collect(element, timestamp);
    }

    @Override
    public void close() {}
  }
}
