package io.rivulet.firehose.engine;

import io.rivulet.firehose.pipeline.DeliveryBatch;
import io.rivulet.firehose.pipeline.DeliveryContext;
import io.rivulet.firehose.pipeline.DeliveryException;
import io.rivulet.firehose.pipeline.DestinationWriter;
import io.rivulet.firehose.pipeline.RecordProcessor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The plug-ins delivery is built from: a writer factory and a configuration check per destination
 * type ({@link DestinationConfigs#TYPES}), the processor factory (ProcessingConfiguration), and
 * the S3 error output and backup. Each is given the AWS-shaped configuration exactly as the
 * request carried it. Immutable and thread-safe.
 */
public final class Destinations {

  /** Builds a delivery stream's destination writer from its configuration. */
  @FunctionalInterface
  public interface WriterFactory {
    DestinationWriter create(DeliveryStreamMeta meta, Map<String, Object> config,
        DeliveryContext ctx);
  }

  /** Checks a configuration at CreateDeliveryStream/UpdateDestination (throws AwsException). */
  @FunctionalInterface
  public interface Validator {
    void validate(Map<String, Object> config);
  }

  /**
   * Builds the processor of a delivery stream's ProcessingConfiguration (null or disabled:
   * identity); a processor that is {@link AutoCloseable} is closed when it is replaced.
   */
  public interface ProcessorFactory {
    RecordProcessor create(DeliveryStreamMeta meta, Map<String, Object> processingConfiguration,
        DeliveryContext ctx);

    /** Checks a ProcessingConfiguration at Create/UpdateDestination (throws AwsException). */
    default void validate(Map<String, Object> processingConfiguration) {}

    /** The ProcessingConfiguration as DescribeDeliveryStream shows it (defaults filled in). */
    default Map<String, Object> describe(Map<String, Object> processingConfiguration,
        String destinationRoleArn) {
      return processingConfiguration;
    }

    /** The error output type of a record processing failed (processing-failed by default). */
    default String errorOutputType(io.rivulet.firehose.pipeline.FailedRecord failed) {
      return "processing-failed";
    }

    /** The Lambda function of the processing-failed lines ({@code lambdaArn}), or null. */
    default String lambdaArn(RecordProcessor processor) {
      return null;
    }
  }

  /**
   * Writes a delivery stream's S3 error output and S3 backup, as its destination's configuration
   * says (the S3 bucket, prefixes and compression are found there).
   */
  public interface S3Outputs {
    void writeErrorOutput(DeliveryStreamMeta meta, DeliveryBatch batch, String outputType,
        List<byte[]> lines) throws DeliveryException;

    void writeBackup(DeliveryStreamMeta meta, DeliveryBatch sourceBatch) throws DeliveryException;
  }

  /** A processor that passes every record on unchanged. */
  public static final RecordProcessor IDENTITY =
      records -> new RecordProcessor.Result(records, List.of());

  private record Plugin(WriterFactory factory, Validator validator) {}

  private final Map<String, Plugin> plugins;
  private final ProcessorFactory processors;
  private final S3Outputs outputs;
  private final List<AutoCloseable> resources;

  private Destinations(Map<String, Plugin> plugins, ProcessorFactory processors, S3Outputs outputs,
      List<AutoCloseable> resources) {
    this.plugins = Map.copyOf(plugins);
    this.processors = processors;
    this.outputs = outputs;
    this.resources = List.copyOf(resources);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether a writer for this destination type is installed. */
  public boolean supports(String type) {
    return plugins.containsKey(type);
  }

  /**
   * Checks a configuration with its plug-in's rules (InvalidArgumentException); a type without a
   * plug-in is accepted unchecked (its records stay buffered, see {@link #writer}).
   */
  @SuppressWarnings("unchecked")
  public void validate(String type, Map<String, Object> config) {
    if (config.get("ProcessingConfiguration") instanceof Map<?, ?> pc) {
      processors.validate((Map<String, Object>) pc);
    }
    Plugin p = plugins.get(type);
    if (p != null) {
      p.validator().validate(config);
    }
  }

  /**
   * The writer of a destination; for a type without a plug-in, one whose every delivery fails
   * (retryably), so records stay in the buffer, never dropped, until a server with the plug-in
   * delivers them.
   */
  public DestinationWriter writer(DeliveryStreamMeta meta, DeliveryContext ctx) {
    String type = meta.destinationType();
    Plugin p = plugins.get(type);
    if (p == null) {
      return new DestinationWriter() {
        @Override
        public void deliver(DeliveryBatch batch) throws DeliveryException {
          throw new DeliveryException("Destination.NotAvailable",
              type + " delivery is not available in this server build; records stay buffered",
              true);
        }

        @Override
        public void close() {}
      };
    }
    return p.factory().create(meta, meta.destination(), ctx);
  }

  public ProcessorFactory processors() {
    return processors;
  }

  public S3Outputs outputs() {
    return outputs;
  }

  /** Closes what the plug-ins share (their clients), after every delivery stream stopped. */
  public void close() {
    for (AutoCloseable r : resources) {
      try {
        r.close();
      } catch (Exception e) {
        // a client failing to close: nothing is lost
      }
    }
  }

  /** Collects plug-ins. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Plugin> plugins = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new java.util.ArrayList<>();
    private ProcessorFactory processors = (meta, config, ctx) -> IDENTITY;
    private S3Outputs outputs = new S3Outputs() {
      @Override
      public void writeErrorOutput(DeliveryStreamMeta meta, DeliveryBatch batch,
          String outputType, List<byte[]> lines) throws DeliveryException {
        throw new DeliveryException("S3.NotConfigured", "no S3 error output is configured", true);
      }

      @Override
      public void writeBackup(DeliveryStreamMeta meta, DeliveryBatch batch)
          throws DeliveryException {
        throw new DeliveryException("S3.NotConfigured", "no S3 backup is configured", true);
      }
    };

    public Builder destination(String type, WriterFactory factory, Validator validator) {
      plugins.put(type, new Plugin(factory, validator));
      return this;
    }

    public Builder processors(ProcessorFactory factory) {
      this.processors = factory;
      return this;
    }

    public Builder outputs(S3Outputs o) {
      this.outputs = o;
      return this;
    }

    /** Something the plug-ins share that {@link Destinations#close()} closes. */
    public Builder closing(AutoCloseable resource) {
      resources.add(resource);
      return this;
    }

    public Destinations build() {
      return new Destinations(plugins, processors, outputs, resources);
    }
  }
}
