package io.rivulet.firehose.ops;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.engine.DeliveryStreamKey;
import io.rivulet.firehose.engine.DeliveryStreamMeta;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.DestinationConfigs.Destination;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.util.Map;

/**
 * UpdateDestination: only when CurrentDeliveryStreamVersionId is the current VersionId (else
 * ConcurrentModificationException); one {@code <Type>DestinationUpdate}, merged into a destination
 * of the same type or replacing one of another type; VersionId goes up by one. Delivery uses the
 * new destination from its next batch.
 */
public final class UpdateDestination
    extends FirehoseOperation<UpdateDestination.Input, FirehoseOperation.Empty> {

  public record Input(String deliveryStreamName, String currentDeliveryStreamVersionId,
      String destinationId, Map<String, Object> s3DestinationUpdate,
      Map<String, Object> extendedS3DestinationUpdate,
      Map<String, Object> redshiftDestinationUpdate,
      Map<String, Object> elasticsearchDestinationUpdate,
      Map<String, Object> amazonopensearchserviceDestinationUpdate,
      Map<String, Object> splunkDestinationUpdate,
      Map<String, Object> httpEndpointDestinationUpdate,
      Map<String, Object> amazonOpenSearchServerlessDestinationUpdate,
      Map<String, Object> snowflakeDestinationUpdate,
      Map<String, Object> icebergDestinationUpdate) {}

  public UpdateDestination(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  protected Empty call(Input in, RequestContext ctx) {
    Map.Entry<String, Map<String, Object>> update = theUpdate(in);
    DeliveryStreamKey key = key(ctx, in.deliveryStreamName());
    engine.update(key, m -> {
      if (!m.status().equals(DeliveryStreamMeta.ACTIVE)) {
        throw FirehoseError.RESOURCE_IN_USE.with("Firehose " + m.name() + " under account "
            + m.account() + " is not ACTIVE, instead in state " + m.status() + ".");
      }
      String current = Integer.toString(m.versionId());
      if (!current.equals(in.currentDeliveryStreamVersionId())) {
        throw FirehoseError.CONCURRENT_MODIFICATION.with("Cannot update firehose: " + m.name()
            + " since the current version id: " + current + " and specified version id: "
            + in.currentDeliveryStreamVersionId() + " do not match");
      }
      if (!in.destinationId().equals(DeliveryStreamMeta.DESTINATION_ID)) {
        throw FirehoseError.INVALID_ARGUMENT.with(
            "Destination Id " + in.destinationId() + " not found.");
      }
      Destination next = configs.update(new Destination(m.destinationType(), m.destination()),
          update.getKey(), update.getValue());
      engine.destinations().validate(next.type(), next.config());
      return m.withDestination(next.type(), next.config(), engine.clock().millis());
    });
    return new Empty();
  }

  private static Map.Entry<String, Map<String, Object>> theUpdate(Input in) {
    Map<String, Map<String, Object>> all = given(in, "DestinationUpdate");
    if (all.size() != 1) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "Exactly one destination update must be specified.");
    }
    return all.entrySet().iterator().next();
  }
}
