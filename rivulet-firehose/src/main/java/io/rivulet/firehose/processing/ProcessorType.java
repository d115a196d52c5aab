package io.rivulet.firehose.processing;

import io.rivulet.firehose.FirehoseError;
import java.util.List;

/**
 * Firehose's processor types with the parameters each accepts and requires, declared in the order
 * Firehose runs them: decompression and CloudWatch Logs message extraction first, then
 * de-aggregation, then the Lambda function, then partition-key extraction, then the delimiter.
 * (Firehose's documentation: "Deaggregation → Data Transformation via Lambda → Partitioning
 * Keys"; the order of the Processors list does not change it.) Immutable.
 */
enum ProcessorType {
  DECOMPRESSION("Decompression", List.of("CompressionFormat"), List.of()),
  CLOUDWATCH_LOG_PROCESSING("CloudWatchLogProcessing", List.of("DataMessageExtraction"),
      List.of("DataMessageExtraction")),
  RECORD_DE_AGGREGATION("RecordDeAggregation", List.of("SubRecordType", "Delimiter"),
      List.of("SubRecordType")),
  LAMBDA("Lambda",
      List.of("LambdaArn", "NumberOfRetries", "RoleArn", "BufferSizeInMBs",
          "BufferIntervalInSeconds"),
      List.of("LambdaArn")),
  METADATA_EXTRACTION("MetadataExtraction",
      List.of("MetadataExtractionQuery", "JsonParsingEngine"),
      List.of("MetadataExtractionQuery", "JsonParsingEngine")),
  APPEND_DELIMITER_TO_RECORD("AppendDelimiterToRecord", List.of("Delimiter"), List.of());

  private final String wire;
  private final List<String> allowed;
  private final List<String> required;

  ProcessorType(String wire, List<String> allowed, List<String> required) {
    this.wire = wire;
    this.allowed = allowed;
    this.required = required;
  }

  /** The name in the API ({@code Processor.Type}). */
  String wire() {
    return wire;
  }

  List<String> allowed() {
    return allowed;
  }

  List<String> required() {
    return required;
  }

  static ProcessorType fromWire(String name) {
    for (ProcessorType t : values()) {
      if (t.wire.equals(name)) {
        return t;
      }
    }
    throw FirehoseError.INVALID_ARGUMENT.with("Unsupported processor type " + name + ".");
  }
}
