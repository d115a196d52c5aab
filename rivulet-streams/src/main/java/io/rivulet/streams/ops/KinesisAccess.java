package io.rivulet.streams.ops;

import io.rivulet.protocol.auth.AccessRules;
import io.rivulet.protocol.auth.AccessRules.Access;
import io.rivulet.protocol.auth.AccessRules.Resources;
import io.rivulet.protocol.auth.AuthErrors;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamMeta;
import io.rivulet.streams.engine.StreamsEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kinesis Data Streams' authorisation table (used with {@code --auth}): the IAM action and
 * resource of every operation, one line each, as the Service Authorization Reference lists them:
 * stream-level operations act on the stream ARN (from StreamARN, else StreamName in the caller's
 * account and region; GetRecords on its iterator's stream, ListShards on its NextToken's),
 * consumer-level ones on the consumer ARN, the resource-policy and tagging-by-ARN ones on
 * ResourceARN, the account-level ones on {@code *}. CreateStream with Tags needs
 * kinesis:AddTagsToStream too. Resource policies stored by PutResourcePolicy (on streams and
 * consumers) are evaluated. Stateless.
 */
public final class KinesisAccess {
  static final String STREAM_ARN = "arn:aws:kinesis:{region}:{account}:stream/{StreamName}";

  private KinesisAccess() {}

  /** The table; lookups (iterators, consumers, policies) read the engine at request time. */
  public static AccessRules rules(StreamsEngine engine, DataPlane data) {
    Resources stream = AccessRules.arn(STREAM_ARN, "StreamARN");
    Resources resource = AccessRules.arn("{ResourceARN}", "ResourceARN");
    Resources consumer = consumer(engine);
    Resources account = AccessRules.none();
    return AccessRules.builder("kinesis", "kinesis", AuthErrors.Style.JSON)
        .on("AddTagsToStream", stream)
        .rule("CreateStream", createStream(stream))
        .on("DecreaseStreamRetentionPeriod", stream)
        .on("DeleteResourcePolicy", resource)
        .on("DeleteStream", stream)
        .on("DeregisterStreamConsumer", consumer)
        .on("DescribeAccountSettings", account)
        .on("DescribeLimits", account)
        .on("DescribeStream", stream)
        .on("DescribeStreamConsumer", consumer)
        .on("DescribeStreamSummary", stream)
        .on("DisableEnhancedMonitoring", stream)
        .on("EnableEnhancedMonitoring", stream)
        .on("GetRecords", either(stream, "ShardIterator", t -> data.streamOfIterator(t)))
        .on("GetResourcePolicy", resource)
        .on("GetShardIterator", stream)
        .on("IncreaseStreamRetentionPeriod", stream)
        .on("ListShards", either(stream, "NextToken", t -> ListShards.streamOfNextToken(data, t)))
        .on("ListStreamConsumers", stream)
        .on("ListStreams", account)
        .on("ListTagsForResource", resource)
        .on("ListTagsForStream", stream)
        .on("MergeShards", stream)
        .on("PutRecord", stream)
        .on("PutRecords", stream)
        .on("PutResourcePolicy", resource)
        .on("RegisterStreamConsumer", stream)
        .on("RemoveTagsFromStream", stream)
        .on("SplitShard", stream)
        .on("StartStreamEncryption", stream)
        .on("StopStreamEncryption", stream)
        .on("SubscribeToShard", consumer)
        .on("TagResource", resource)
        .on("UntagResource", resource)
        .on("UpdateAccountSettings", account)
        .on("UpdateMaxRecordSize", stream)
        .on("UpdateShardCount", stream)
        .on("UpdateStreamMode", stream)
        .on("UpdateStreamWarmThroughput", stream)
        .policies(arn -> policyOf(engine, arn))
        .build();
  }

  private static AccessRules.Rule createStream(Resources stream) {
    return (input, scope) -> {
      List<Access> out = new ArrayList<>();
      for (String arn : stream.arns(input, scope)) {
        out.add(new Access("kinesis:CreateStream", arn));
        if (input.get("Tags") instanceof Map<?, ?> tags && !tags.isEmpty()) {
          out.add(new Access("kinesis:AddTagsToStream", arn));
        }
      }
      return out;
    };
  }

  /** The stream named by the request, else the one a token of ours names. */
  private static Resources either(Resources named, String tokenMember,
      java.util.function.Function<String, StreamKey> decode) {
    return (input, scope) -> {
      List<String> arns = named.arns(input, scope);
      if (!arns.isEmpty() || !(input.get(tokenMember) instanceof String token)) {
        return arns;
      }
      StreamKey key = decode.apply(token);
      return key == null ? List.of() : List.of(key.arn());
    };
  }

  /** ConsumerARN, else the consumer StreamARN and ConsumerName name (looked up for its ARN). */
  private static Resources consumer(StreamsEngine engine) {
    return (input, scope) -> {
      if (input.get("ConsumerARN") instanceof String arn) {
        return List.of(arn);
      }
      if (input.get("StreamARN") instanceof String streamArn && input.get("ConsumerName") instanceof String name) {
        try {
          StreamMeta stream = engine.describe(StreamRefs.resolve(null, streamArn, null));
          ConsumerMeta c = stream.consumer(name);
          return c == null ? List.of() : List.of(c.arn(stream));
        } catch (RuntimeException e) {
          return List.of(); // no such stream: the operation answers ResourceNotFound once allowed on *
        }
      }
      return List.of();
    };
  }

  /** The resource policy of a stream or consumer ARN, or null (none, or no such resource). */
  static String policyOf(StreamsEngine engine, String arn) {
    try {
      StreamRefs.ConsumerRef ref = StreamRefs.consumerArn(arn);
      if (ref != null) {
        ConsumerMeta c = engine.describe(ref.stream()).consumer(ref.name());
        return c == null || c.createdMillis() / 1000 != ref.createdSeconds() ? null : c.resourcePolicy();
      }
      return engine.describe(StreamRefs.resource(arn, engine)).resourcePolicy();
    } catch (RuntimeException e) {
      return null;
    }
  }
}
