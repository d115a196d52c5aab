package io.rivulet.firehose.ops;

import io.rivulet.firehose.engine.DeliveryStreamMeta;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.DestinationConfigs.Destination;
import io.rivulet.firehose.engine.Encryption;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DescribeDeliveryStream: status, type, version, timestamps, source, encryption and the one
 * destination ({@code destinationId-000000000001}) in its description shape; Limit and
 * ExclusiveStartDestinationId page over that one destination.
 */
public final class DescribeDeliveryStream
    extends FirehoseOperation<DescribeDeliveryStream.Input, DescribeDeliveryStream.Output> {

  public record Input(String deliveryStreamName, Integer limit, String exclusiveStartDestinationId) {}

  public record Description(String deliveryStreamName, String deliveryStreamARN,
      String deliveryStreamStatus, Map<String, Object> failureDescription,
      Map<String, Object> deliveryStreamEncryptionConfiguration, String deliveryStreamType,
      String versionId, Instant createTimestamp, Instant lastUpdateTimestamp,
      Map<String, Object> source, List<Map<String, Object>> destinations,
      Boolean hasMoreDestinations) {}

  public record Output(Description deliveryStreamDescription) {}

  public DescribeDeliveryStream(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    DeliveryStreamMeta m = engine.describe(key(ctx, in.deliveryStreamName()));
    String after = in.exclusiveStartDestinationId();
    List<Map<String, Object>> destinations =
        after != null && after.compareTo(DeliveryStreamMeta.DESTINATION_ID) >= 0 ? List.of()
            : List.of(destination(m));
    return new Output(new Description(m.name(), m.arn(), m.status(), null,
        encryption(m.encryption()), m.type(), Integer.toString(m.versionId()),
        Instant.ofEpochMilli(m.createdMillis()),
        m.lastUpdateMillis() == null ? null : Instant.ofEpochMilli(m.lastUpdateMillis()),
        source(m), destinations, false));
  }

  /** The destination's description, its processors as Firehose shows them (defaults filled in). */
  @SuppressWarnings("unchecked")
  private Map<String, Object> destination(DeliveryStreamMeta m) {
    Map<String, Object> d = configs.describe(new Destination(m.destinationType(), m.destination()));
    if (d.get(m.destinationType() + "DestinationDescription") instanceof Map<?, ?> desc
        && desc.get("ProcessingConfiguration") instanceof Map<?, ?> pc) {
      Object role = m.destination().get("RoleARN");
      ((Map<String, Object>) desc).put("ProcessingConfiguration", engine.destinations().processors()
          .describe((Map<String, Object>) pc, role instanceof String r ? r : null));
    }
    return d;
  }

  private static Map<String, Object> encryption(Encryption e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("KeyARN", e.keyArn());
    out.put("KeyType", e.keyType());
    out.put("Status", e.status());
    return out;
  }

  /** The SourceDescription: the Kinesis stream with when delivery started, or DirectPut's hint. */
  private static Map<String, Object> source(DeliveryStreamMeta m) {
    if (m.source().get("KinesisStreamSourceConfiguration") instanceof Map<?, ?> kinesis) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("KinesisStreamARN", kinesis.get("KinesisStreamARN"));
      d.put("RoleARN", kinesis.get("RoleARN"));
      d.put("DeliveryStartTimestamp", Instant.ofEpochMilli(m.createdMillis()));
      return Map.of("KinesisStreamSourceDescription", d);
    }
    if (m.source().get("DirectPutSourceConfiguration") instanceof Map<?, ?> direct) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("ThroughputHintInMBs", direct.get("ThroughputHintInMBs"));
      return Map.of("DirectPutSourceDescription", d);
    }
    return null;
  }
}
