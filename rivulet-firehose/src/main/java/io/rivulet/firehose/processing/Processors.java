package io.rivulet.firehose.processing;

import io.rivulet.firehose.pipeline.FailedRecord;
import io.rivulet.firehose.pipeline.RecordProcessor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a delivery stream's processing from its ProcessingConfiguration, exactly as the request
 * carried it ({@code {"Enabled": true, "Processors": [{"Type": "Lambda", "Parameters":
 * [{"ParameterName": "LambdaArn", "ParameterValue": "arn:…"}]}]}}), and checks one at
 * CreateDeliveryStream/UpdateDestination time. Stateless.
 */
public final class Processors {
  static final int DEFAULT_RETRIES = 3;
  static final double DEFAULT_BUFFER_MB = 1;
  static final int DEFAULT_INTERVAL_SECONDS = 60;

  private Processors() {}

  /**
   * Checks a ProcessingConfiguration (null: none); AwsException InvalidArgumentException with an
   * AWS-like message when Firehose would reject it. Processors are checked even when disabled.
   */
  public static void validate(Map<String, Object> processingConfiguration) {
    ProcessingConfig.parse(processingConfiguration);
  }

  /**
   * The processing a configuration describes: its processors in Firehose's order, or none when
   * {@code Enabled} is false or absent. Validates first (InvalidArgumentException).
   */
  public static ProcessingPipeline from(Map<String, Object> processingConfiguration,
      ProcessorEnv env) {
    ProcessingConfig config = ProcessingConfig.parse(processingConfiguration);
    List<RecordProcessor> steps = new ArrayList<>();
    if (!config.enabled()) {
      return new ProcessingPipeline(steps, null, null);
    }
    String lambdaArn = null;
    Duration interval = null;
    for (ProcessorType type : config.processors().keySet()) {
      switch (type) {
        case DECOMPRESSION -> steps.add(new Decompression());
        case CLOUDWATCH_LOG_PROCESSING -> {
          if (Boolean.parseBoolean(config.param(type, "DataMessageExtraction", "false"))) {
            steps.add(new CloudWatchLogProcessing());
          }
        }
        case RECORD_DE_AGGREGATION -> steps.add(new RecordDeAggregation(
            config.param(type, "SubRecordType", "JSON"),
            ProcessingConfig.decodeDelimiter(config.param(type, "Delimiter", "Cg=="))));
        case LAMBDA -> {
          lambdaArn = config.param(type, "LambdaArn", null);
          int retries = Integer.parseInt(
              config.param(type, "NumberOfRetries", String.valueOf(DEFAULT_RETRIES)));
          double mb = Double.parseDouble(
              config.param(type, "BufferSizeInMBs", String.valueOf(DEFAULT_BUFFER_MB)));
          interval = Duration.ofSeconds(Integer.parseInt(config.param(type,
              "BufferIntervalInSeconds", String.valueOf(DEFAULT_INTERVAL_SECONDS))));
          steps.add(new LambdaProcessor(lambdaArn, retries, (long) (mb * 1024 * 1024), env));
        }
        case METADATA_EXTRACTION -> steps.add(
            new MetadataExtraction(config.param(type, "MetadataExtractionQuery", ".")));
        case APPEND_DELIMITER_TO_RECORD ->
            steps.add(new AppendDelimiter(config.param(type, "Delimiter", null)));
      }
    }
    return new ProcessingPipeline(steps, lambdaArn, interval);
  }

  /**
   * The ProcessingConfiguration as DescribeDeliveryStream shows it: a Lambda processor lists all
   * five of its parameters, in Firehose's order, with the defaults filled in (NumberOfRetries 3,
   * RoleArn the destination's {@code destinationRoleArn} when given, BufferSizeInMBs 1,
   * BufferIntervalInSeconds 60); every other processor is shown as configured. Null stays null.
   */
  public static Map<String, Object> describe(Map<String, Object> processingConfiguration,
      String destinationRoleArn) {
    if (processingConfiguration == null) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>(processingConfiguration);
    if (!(processingConfiguration.get("Processors") instanceof List<?> processors)) {
      return out;
    }
    List<Object> described = new ArrayList<>();
    for (Object p : processors) {
      if (p instanceof Map<?, ?> m && "Lambda".equals(m.get("Type"))) {
        described.add(describeLambda(m, destinationRoleArn));
      } else {
        described.add(p);
      }
    }
    out.put("Processors", described);
    return out;
  }

  private static Map<String, Object> describeLambda(Map<?, ?> processor, String roleArn) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("LambdaArn", null);
    values.put("NumberOfRetries", String.valueOf(DEFAULT_RETRIES));
    values.put("RoleArn", roleArn);
    values.put("BufferSizeInMBs", "1");
    values.put("BufferIntervalInSeconds", String.valueOf(DEFAULT_INTERVAL_SECONDS));
    if (processor.get("Parameters") instanceof List<?> params) {
      for (Object o : params) {
        if (o instanceof Map<?, ?> param) {
          values.put(String.valueOf(param.get("ParameterName")),
              String.valueOf(param.get("ParameterValue")));
        }
      }
    }
    List<Object> params = new ArrayList<>();
    values.forEach((name, value) -> {
      if (value != null) {
        params.add(Map.of("ParameterName", name, "ParameterValue", value));
      }
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("Type", "Lambda");
    out.put("Parameters", params);
    return out;
  }

  /**
   * The error output type ({@code !{firehose:error-output-type}}) of a record a processor failed:
   * {@code decompression-failed} or {@code processing-failed}.
   */
  public static String errorOutputType(FailedRecord failed) {
    return ProcessingErrors.outputType(failed.errorCode());
  }
}
