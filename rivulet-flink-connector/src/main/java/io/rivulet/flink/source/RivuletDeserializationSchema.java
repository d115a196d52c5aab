package io.rivulet.flink.source;

import io.rivulet.streams.api.StreamRecord;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns a stream record (data and metadata: partition key, sequence number, arrival time) and
 * the shard it came from into zero or more elements. {@link #of} wraps a plain Flink {@link
 * DeserializationSchema} of the data. Instances are used by one reader thread at a time.
 */
public interface RivuletDeserializationSchema<T> extends Serializable, ResultTypeQueryable<T> {

  /** Called once per reader before the first record. */
  default void open(DeserializationSchema.InitializationContext context) throws Exception {}

  void deserialize(StreamRecord record, String shardId, Collector<T> out) throws IOException;

  /** A schema of the record data alone. */
  static <T> RivuletDeserializationSchema<T> of(DeserializationSchema<T> data) {
    return new RivuletDeserializationSchema<>() {
      private static final long serialVersionUID = 1L;

      @Override
      public void open(DeserializationSchema.InitializationContext context) throws Exception {
        data.open(context);
      }

      @Override
      public void deserialize(StreamRecord record, String shardId, Collector<T> out)
          throws IOException {
        data.deserialize(record.data(), out);
      }

      @Override
      public TypeInformation<T> getProducedType() {
        return data.getProducedType();
      }
    };
  }
}
