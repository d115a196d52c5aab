package io.rivulet.streams.ops;

import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.StreamMeta;
import java.time.Instant;

/** The consumer output shapes shared by the consumer operations. Immutable records. */
final class ConsumerShapes {
  private ConsumerShapes() {}

  public record Consumer(String consumerName, String consumerARN, String consumerStatus,
      Instant consumerCreationTimestamp) {
    static Consumer of(StreamMeta s, ConsumerMeta c) {
      return new Consumer(c.name(), c.arn(s), c.status(), Instant.ofEpochMilli(c.createdMillis()));
    }
  }

  public record ConsumerDescription(String consumerName, String consumerARN, String consumerStatus,
      Instant consumerCreationTimestamp, String streamARN) {
    static ConsumerDescription of(StreamMeta s, ConsumerMeta c) {
      return new ConsumerDescription(c.name(), c.arn(s), c.status(),
          Instant.ofEpochMilli(c.createdMillis()), s.arn());
    }
  }
}
