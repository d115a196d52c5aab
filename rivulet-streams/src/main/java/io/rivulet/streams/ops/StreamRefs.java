package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves the StreamName / StreamARN pair that most operations accept. Stateless. */
final class StreamRefs {
  private static final Pattern ARN =
      Pattern.compile("arn:aws[^:]*:kinesis:([^:]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

  private static final Pattern CONSUMER = Pattern.compile(
      "arn:aws[^:]*:kinesis:([^:]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})/consumer/([a-zA-Z0-9_.-]{1,128}):(\\d+)");

  /** A consumer named by its ARN: its stream, its name and the creation second the ARN carries. */
  record ConsumerRef(StreamKey stream, String name, long createdSeconds) {}

  /** The consumer an ARN names, or null when it is not a consumer ARN. */
  static ConsumerRef consumerArn(String arn) {
    Matcher m = CONSUMER.matcher(arn);
    if (!m.matches()) {
      return null;
    }
    return new ConsumerRef(new StreamKey(m.group(2), m.group(1), m.group(3)), m.group(4),
        Long.parseLong(m.group(5)));
  }

  /**
   * The registered consumer named by ConsumerARN, or by StreamARN + ConsumerName (Describe- and
   * DeregisterStreamConsumer accept either), with its stream.
   */
  static ConsumerMeta consumer(StreamsEngine engine, String streamArn, String consumerName,
      String consumerArn, StreamKey[] streamOut) {
    StreamKey key;
    String name;
    Long createdSeconds = null;
    if (consumerArn != null) {
      ConsumerRef ref = consumerArn(consumerArn);
      if (ref == null) {
        throw KinesisError.INVALID_ARGUMENT.with("Invalid ConsumerARN " + consumerArn + ".");
      }
      key = ref.stream();
      name = ref.name();
      createdSeconds = ref.createdSeconds();
    } else {
      if (streamArn == null || consumerName == null) {
        throw KinesisError.INVALID_ARGUMENT.with(
            "Either ConsumerARN or both StreamARN and ConsumerName must be provided.");
      }
      key = resolve(null, streamArn, null);
      name = consumerName;
    }
    ConsumerMeta c = engine.describe(key).consumer(name);
    if (c == null || (createdSeconds != null && c.createdMillis() / 1000 != createdSeconds)) {
      throw consumerArn != null
          ? KinesisError.RESOURCE_NOT_FOUND.with("Consumer " + consumerArn + " not found.")
          : StreamsEngine.consumerNotFound(key, name);
    }
    streamOut[0] = key;
    return c;
  }

  private StreamRefs() {}

  /**
   * The stream named by a stream ResourceARN (the resource operations handle consumer ARNs
   * themselves first, see {@link #consumerArn}).
   */
  static StreamKey resource(String arn, StreamsEngine engine) {
    Matcher m = ARN.matcher(arn);
    if (!m.matches()) {
      throw KinesisError.INVALID_ARGUMENT.with("Invalid ResourceARN " + arn + ".");
    }
    return new StreamKey(m.group(2), m.group(1), m.group(3));
  }

  /**
   * The stream named by {@code arn} (its account and region) or by {@code name} in the caller's
   * account and region; both may be given if they agree.
   */
  static StreamKey resolve(String name, String arn, RequestContext ctx) {
    if (arn != null) {
      Matcher m = ARN.matcher(arn);
      if (!m.matches()) {
        throw KinesisError.INVALID_ARGUMENT.with("Invalid StreamARN " + arn + ".");
      }
      if (name != null && !name.equals(m.group(3))) {
        throw KinesisError.INVALID_ARGUMENT.with(
            "StreamARN " + arn + " and StreamName " + name + " do not refer to the same stream.");
      }
      return new StreamKey(m.group(2), m.group(1), m.group(3));
    }
    if (name == null) {
      throw KinesisError.INVALID_ARGUMENT.with("Neither StreamARN nor StreamName was provided.");
    }
    return new StreamKey(ctx.accountId(), ctx.region(), name);
  }
}
