package io.rivulet.firehose.processing;

import static io.rivulet.firehose.FirehoseError.INVALID_ARGUMENT;

import io.rivulet.protocol.AwsException;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A ProcessingConfiguration as Firehose reads it: whether it is enabled and, per processor type,
 * its parameters by name. Parsing checks what the model cannot (parameter names per type,
 * duplicates, required parameters, values) and throws {@code InvalidArgumentException}.
 * Processors are kept in the order Firehose runs them, whatever order the request listed them in
 * (see {@link ProcessorType}). Immutable.
 */
record ProcessingConfig(boolean enabled, Map<ProcessorType, Map<String, String>> processors) {

  static final Pattern LAMBDA_ARN = Pattern.compile(
      "arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\\d{12}:function:[a-zA-Z0-9_-]{1,140}"
          + "(:(\\$LATEST|[a-zA-Z0-9_-]{1,128}))?");
  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-zA-Z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");
  static final int MAX_RETRIES = 300;
  static final int MAX_INTERVAL_SECONDS = 900;
  static final double MIN_BUFFER_MB = 0.2;
  static final double MAX_BUFFER_MB = 3;

  ProcessingConfig {
    processors = Collections.unmodifiableMap(new EnumMap<>(processors));
  }

  /** Reads and checks a raw ProcessingConfiguration (null or empty: disabled). */
  static ProcessingConfig parse(Map<String, Object> raw) {
    if (raw == null || raw.isEmpty()) {
      return new ProcessingConfig(false, new EnumMap<>(ProcessorType.class));
    }
    boolean enabled = Boolean.TRUE.equals(raw.get("Enabled"));
    Map<ProcessorType, Map<String, String>> processors = new EnumMap<>(ProcessorType.class);
    for (Object p : list(raw.get("Processors"))) {
      Map<?, ?> processor = p instanceof Map<?, ?> m ? m : Map.of();
      ProcessorType type = ProcessorType.fromWire(String.valueOf(processor.get("Type")));
      if (processors.containsKey(type)) {
        throw INVALID_ARGUMENT.with("Duplicate processor type " + type.wire()
            + " in ProcessingConfiguration. Each processor type may be specified at most once.");
      }
      processors.put(type, parameters(type, processor.get("Parameters")));
    }
    processors.forEach(ProcessingConfig::checkValues);
    if (processors.containsKey(ProcessorType.CLOUDWATCH_LOG_PROCESSING)
        && !processors.containsKey(ProcessorType.DECOMPRESSION)) {
      throw INVALID_ARGUMENT.with("Processor type CloudWatchLogProcessing requires processor type"
          + " Decompression in the same ProcessingConfiguration.");
    }
    return new ProcessingConfig(enabled, processors);
  }

  /** The parameter's value, or {@code fallback} when the processor does not set it. */
  String param(ProcessorType type, String name, String fallback) {
    Map<String, String> params = processors.get(type);
    return params == null ? fallback : params.getOrDefault(name, fallback);
  }

  boolean has(ProcessorType type) {
    return processors.containsKey(type);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  private static Map<String, String> parameters(ProcessorType type, Object raw) {
    Map<String, String> params = new LinkedHashMap<>();
    for (Object p : list(raw)) {
      Map<?, ?> param = p instanceof Map<?, ?> m ? m : Map.of();
      String name = String.valueOf(param.get("ParameterName"));
      String value = String.valueOf(param.get("ParameterValue"));
      if (!type.allowed().contains(name)) {
        throw INVALID_ARGUMENT.with("Processor parameter " + name + " is not supported for"
            + " processor type " + type.wire() + ". Supported parameters: "
            + String.join(", ", type.allowed()) + ".");
      }
      if (params.put(name, value) != null) {
        throw INVALID_ARGUMENT.with("Duplicate processor parameter " + name + " for processor type "
            + type.wire() + ".");
      }
    }
    for (String required : type.required()) {
      if (!params.containsKey(required)) {
        throw INVALID_ARGUMENT.with("Processor type " + type.wire() + " requires parameter "
            + required + ".");
      }
    }
    return params;
  }

  private static void checkValues(ProcessorType type, Map<String, String> params) {
    switch (type) {
      case DECOMPRESSION -> oneOf(type, params, "CompressionFormat", List.of("GZIP"));
      case CLOUDWATCH_LOG_PROCESSING -> {
        String v = params.get("DataMessageExtraction").toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
          throw badValue(type, "DataMessageExtraction", params.get("DataMessageExtraction"),
              "must be true or false");
        }
      }
      case RECORD_DE_AGGREGATION -> checkDeAggregation(params);
      case LAMBDA -> checkLambda(params);
      case METADATA_EXTRACTION -> {
        oneOf(type, params, "JsonParsingEngine", List.of("JQ-1.6"));
        MetadataExtraction.compile(params.get("MetadataExtractionQuery"));
      }
      case APPEND_DELIMITER_TO_RECORD -> { }
    }
  }

  private static void checkDeAggregation(Map<String, String> params) {
    ProcessorType type = ProcessorType.RECORD_DE_AGGREGATION;
    oneOf(type, params, "SubRecordType", List.of("JSON", "DELIMITED"));
    String delimiter = params.get("Delimiter");
    if (params.get("SubRecordType").equals("JSON")) {
      if (delimiter != null) {
        throw INVALID_ARGUMENT.with("Processor parameter Delimiter is only supported with"
            + " SubRecordType DELIMITED for processor type RecordDeAggregation.");
      }
      return;
    }
    if (delimiter == null) {
      throw INVALID_ARGUMENT.with("Processor type RecordDeAggregation with SubRecordType DELIMITED"
          + " requires parameter Delimiter (base64-encoded).");
    }
    if (decodeDelimiter(delimiter) == null) {
      throw badValue(type, "Delimiter", delimiter, "must be a non-empty base64-encoded string");
    }
  }

  /** The bytes of a base64 RecordDeAggregation delimiter, or null when not valid base64. */
  static byte[] decodeDelimiter(String base64) {
    try {
      byte[] bytes = Base64.getDecoder().decode(base64);
      return bytes.length == 0 ? null : bytes;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static void checkLambda(Map<String, String> params) {
    ProcessorType type = ProcessorType.LAMBDA;
    String arn = params.get("LambdaArn");
    if (!LAMBDA_ARN.matcher(arn).matches()) {
      throw badValue(type, "LambdaArn", arn, "must be the ARN of a Lambda function");
    }
    String role = params.get("RoleArn");
    if (role != null && !ROLE_ARN.matcher(role).matches()) {
      throw badValue(type, "RoleArn", role, "must be the ARN of an IAM role");
    }
    intIn(params, "NumberOfRetries", 0, MAX_RETRIES);
    intIn(params, "BufferIntervalInSeconds", 0, MAX_INTERVAL_SECONDS);
    String size = params.get("BufferSizeInMBs");
    if (size != null) {
      double mb;
      try {
        mb = Double.parseDouble(size);
      } catch (NumberFormatException e) {
        mb = Double.NaN;
      }
      if (!(mb >= MIN_BUFFER_MB && mb <= MAX_BUFFER_MB)) {
        throw badValue(type, "BufferSizeInMBs", size, "must be a number between 0.2 and 3");
      }
    }
  }

  private static void intIn(Map<String, String> params, String name, int min, int max) {
    String v = params.get(name);
    if (v == null) {
      return;
    }
    try {
      int n = Integer.parseInt(v);
      if (n >= min && n <= max) {
        return;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw badValue(ProcessorType.LAMBDA, name, v,
        "must be an integer between " + min + " and " + max);
  }

  private static void oneOf(ProcessorType type, Map<String, String> params, String name,
      List<String> values) {
    String v = params.get(name);
    if (v != null && !values.contains(v)) {
      throw badValue(type, name, v, "must be one of " + String.join(", ", values));
    }
  }

  static AwsException badValue(ProcessorType type, String name, String value, String rule) {
    return INVALID_ARGUMENT.with("Invalid value '" + value + "' for processor parameter " + name
        + " of processor type " + type.wire() + ": " + rule + ".");
  }
}
