package io.rivulet.firehose.ops;

import io.rivulet.firehose.FirehoseError;
import io.rivulet.firehose.engine.DeliveryStreamMeta;
import io.rivulet.firehose.engine.DestinationConfigs;
import io.rivulet.firehose.engine.DestinationConfigs.Destination;
import io.rivulet.firehose.engine.Encryption;
import io.rivulet.firehose.engine.FirehoseEngine;
import io.rivulet.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CreateDeliveryStream: DirectPut or KinesisStreamAsSource, exactly one destination (S3 becomes
 * ExtendedS3, as on AWS), optional server-side encryption (DirectPut only) and tags; CREATING for
 * the create delay, then ACTIVE.
 */
public final class CreateDeliveryStream
    extends FirehoseOperation<CreateDeliveryStream.Input, CreateDeliveryStream.Output> {

  public record Input(String deliveryStreamName, String deliveryStreamType,
      Map<String, Object> directPutSourceConfiguration,
      Map<String, Object> kinesisStreamSourceConfiguration,
      Map<String, Object> deliveryStreamEncryptionConfigurationInput,
      Map<String, Object> s3DestinationConfiguration,
      Map<String, Object> extendedS3DestinationConfiguration,
      Map<String, Object> redshiftDestinationConfiguration,
      Map<String, Object> elasticsearchDestinationConfiguration,
      Map<String, Object> amazonopensearchserviceDestinationConfiguration,
      Map<String, Object> splunkDestinationConfiguration,
      Map<String, Object> httpEndpointDestinationConfiguration, List<Tag> tags,
      Map<String, Object> amazonOpenSearchServerlessDestinationConfiguration,
      Map<String, Object> mskSourceConfiguration,
      Map<String, Object> snowflakeDestinationConfiguration,
      Map<String, Object> icebergDestinationConfiguration,
      Map<String, Object> databaseSourceConfiguration) {}

  public record Output(String deliveryStreamARN) {}

  private final io.rivulet.firehose.engine.Destinations destinations;

  public CreateDeliveryStream(FirehoseEngine engine, DestinationConfigs configs) {
    super(engine, configs, Input.class);
    this.destinations = engine.destinations();
  }

  @Override
  protected Output call(Input in, RequestContext ctx) {
    String type = in.deliveryStreamType() == null ? DeliveryStreamMeta.DIRECT_PUT
        : in.deliveryStreamType();
    Map<String, Object> source = source(type, in);
    if (in.kinesisStreamSourceConfiguration() != null) {
      engine.sources().validate(in.kinesisStreamSourceConfiguration());
    }
    Destination d = configs.fromCreate(given(in, "DestinationConfiguration"));
    destinations.validate(d.type(), d.config());
    Encryption encryption = Encryption.disabled();
    if (in.deliveryStreamEncryptionConfigurationInput() != null) {
      if (!type.equals(DeliveryStreamMeta.DIRECT_PUT)) {
        throw FirehoseError.INVALID_ARGUMENT.with("Server-side encryption is only supported for"
            + " delivery streams of type DirectPut, not " + type + ".");
      }
      encryption = Keys.enabling(in.deliveryStreamEncryptionConfigurationInput());
    }
    Map<String, String> tags = new LinkedHashMap<>();
    if (in.tags() != null) {
      in.tags().forEach(t -> tags.put(t.key(), t.value() == null ? "" : t.value()));
    }
    DeliveryStreamMeta requested = new DeliveryStreamMeta(ctx.accountId(), ctx.region(),
        in.deliveryStreamName(), 0, DeliveryStreamMeta.CREATING, type, 1, null, source, d.type(),
        d.config(), tags, encryption, List.of());
    return new Output(engine.create(requested).arn());
  }

  private static Map<String, Object> source(String type, Input in) {
    if (!type.equals(DeliveryStreamMeta.DIRECT_PUT)
        && !type.equals(DeliveryStreamMeta.KINESIS_SOURCE)) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "Delivery stream type " + type + " is not supported by this server.");
    }
    if (in.mskSourceConfiguration() != null || in.databaseSourceConfiguration() != null) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "MSKSourceConfiguration and DatabaseSourceConfiguration are not supported by this server.");
    }
    boolean kinesis = type.equals(DeliveryStreamMeta.KINESIS_SOURCE);
    if (kinesis && in.kinesisStreamSourceConfiguration() == null) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "KinesisStreamSourceConfiguration is required for KinesisStreamAsSource stream type");
    }
    if (!kinesis && in.kinesisStreamSourceConfiguration() != null) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "KinesisSourceStreamConfig is only applicable for KinesisStreamAsSource stream type");
    }
    if (kinesis && in.directPutSourceConfiguration() != null) {
      throw FirehoseError.INVALID_ARGUMENT.with(
          "DirectPutSourceConfiguration is only applicable for DirectPut stream type");
    }
    if (kinesis) {
      return Map.of("KinesisStreamSourceConfiguration", in.kinesisStreamSourceConfiguration());
    }
    return in.directPutSourceConfiguration() == null ? Map.of()
        : Map.of("DirectPutSourceConfiguration", in.directPutSourceConfiguration());
  }
}
