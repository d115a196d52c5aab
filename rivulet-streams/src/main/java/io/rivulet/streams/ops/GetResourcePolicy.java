package io.rivulet.streams.ops;

import io.rivulet.protocol.RequestContext;
import io.rivulet.streams.KinesisError;
import io.rivulet.streams.engine.DataPlane;
import io.rivulet.streams.engine.StreamKey;
import io.rivulet.streams.engine.StreamsEngine;

/** GetResourcePolicy: the policy of a stream ARN, verbatim; ResourceNotFoundException if none. */
public final class GetResourcePolicy
    extends KinesisOperation<GetResourcePolicy.Input, GetResourcePolicy.Output> {

  public record Input(String resourceARN, String streamId) {}

  public record Output(String policy) {}

  public GetResourcePolicy(StreamsEngine engine, DataPlane data) {
    super(engine, data, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    String policy = StreamRefs.consumerArn(in.resourceARN()) != null
        ? StreamRefs.consumer(engine, null, null, in.resourceARN(), new StreamKey[1]).resourcePolicy()
        : engine.describe(StreamRefs.resource(in.resourceARN(), engine)).resourcePolicy();
    if (policy == null) {
      throw noPolicy(in.resourceARN());
    }
    return new Output(policy);
  }

  static RuntimeException noPolicy(String arn) {
    return KinesisError.RESOURCE_NOT_FOUND.with("No resource policy exists for resource " + arn + ".");
  }
}
