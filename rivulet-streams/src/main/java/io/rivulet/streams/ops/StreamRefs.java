package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves the StreamName / StreamARN pair that most operations accept. Stateless. */
final class StreamRefs {
  private static final Pattern ARN =
      Pattern.compile("arn:aws[^:]*:kinesis:([^:]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})");

  private static final Pattern CONSUMER = Pattern.compile(
      "arn:aws[^:]*:kinesis:([^:]+):(\\d{12}):stream/([a-zA-Z0-9_.-]{1,128})/consumer/[a-zA-Z0-9_.-]+:\\d+");

  private StreamRefs() {}

  /**
   * The stream named by a ResourceARN (TagResource, resource policies). Consumer ARNs name no
   * resource yet (consumers come later): their stream's not-found error if the stream is missing,
   * else ResourceNotFoundException for the consumer.
   */
  static StreamKey resource(String arn, StreamsEngine engine) {
    Matcher consumer = CONSUMER.matcher(arn);
    if (consumer.matches()) {
      engine.describe(new StreamKey(consumer.group(2), consumer.group(1), consumer.group(3)));
      throw KinesisError.RESOURCE_NOT_FOUND.with("Consumer " + arn + " not found.");
    }
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
