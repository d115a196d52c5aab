package io.rivulet.streams.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rivulet.protocol.RequestContext;
import io.rivulet.protocol.auth.Policy;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.ConsumerMeta;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;

/**
 * PutResourcePolicy: attaches a resource-based policy to a stream or consumer ARN, stored and
 * returned verbatim. It must be a JSON object with {@code Version} and {@code Statement}, and a
 * policy document whose statements have an Effect, Action, Resource and Principal; with {@code
 * --auth} it is evaluated on every call to the resource ({@link KinesisAccess}).
 */
public final class PutResourcePolicy
    extends KinesisOperation<PutResourcePolicy.Input, KinesisOperation.Empty> {
  private static final ObjectMapper JSON = new ObjectMapper();

  public record Input(String resourceARN, String streamId, String policy) {}

  public PutResourcePolicy(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    check(in.policy());
    if (StreamRefs.consumerArn(in.resourceARN()) != null) {
      StreamKey[] stream = new StreamKey[1];
      ConsumerMeta c = StreamRefs.consumer(engine, null, null, in.resourceARN(), stream);
      engine.updateConsumer(stream[0], c.name(), x -> x.withResourcePolicy(in.policy()));
      return new Empty();
    }
    engine.update(StreamRefs.resource(in.resourceARN(), engine),
        m -> m.withResourcePolicy(in.policy()));
    return new Empty();
  }

  static void check(String policy) {
    JsonNode root;
    try {
      root = JSON.readTree(policy);
    } catch (JsonProcessingException e) {
      root = null;
    }
    if (root == null || !root.isObject()) {
      throw KinesisError.INVALID_ARGUMENT.with("Policy is not a valid JSON policy document.");
    }
    if (!root.hasNonNull("Version") || !root.hasNonNull("Statement")) {
      throw KinesisError.INVALID_ARGUMENT.with(
          "Policy must contain the elements Version and Statement.");
    }
    try {
      Policy.parse(root, Policy.Kind.RESOURCE);
    } catch (IllegalArgumentException e) {
      throw KinesisError.INVALID_ARGUMENT.with("Policy is not a valid resource policy: " + e.getMessage() + ".");
    }
  }
}
