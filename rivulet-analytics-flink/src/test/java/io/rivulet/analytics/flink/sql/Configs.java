package io.rivulet.analytics.flink.sql;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds SqlApplicationConfiguration shapes as the API carries them, for tests. */
final class Configs {
  private final List<Object> inputs = new ArrayList<>();
  private final List<Object> outputs = new ArrayList<>();
  private final List<Object> references = new ArrayList<>();

  /** Columns as name, SqlType, mapping triples (mapping null for CSV). */
  static List<Object> columns(String... nameTypeMapping) {
    List<Object> cols = new ArrayList<>();
    for (int i = 0; i < nameTypeMapping.length; i += 3) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("Name", nameTypeMapping[i]);
      c.put("SqlType", nameTypeMapping[i + 1]);
      if (nameTypeMapping[i + 2] != null) {
        c.put("Mapping", nameTypeMapping[i + 2]);
      }
      cols.add(c);
    }
    return cols;
  }

  static Map<String, Object> json(String rowPath, List<Object> columns) {
    return Map.of("RecordFormat", Map.of("RecordFormatType", "JSON", "MappingParameters",
            Map.of("JSONMappingParameters", Map.of("RecordRowPath", rowPath))),
        "RecordEncoding", "UTF-8", "RecordColumns", columns);
  }

  static Map<String, Object> csv(String rowDelimiter, String columnDelimiter, List<Object> columns) {
    return Map.of("RecordFormat", Map.of("RecordFormatType", "CSV", "MappingParameters",
            Map.of("CSVMappingParameters", Map.of("RecordRowDelimiter", rowDelimiter,
                "RecordColumnDelimiter", columnDelimiter))),
        "RecordColumns", columns);
  }

  Configs input(String prefix, String stream, Map<String, Object> schema) {
    inputs.add(Map.of("NamePrefix", prefix, "KinesisStreamsInput",
        Map.of("ResourceARN", "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream),
        "InputSchema", schema));
    return this;
  }

  Configs output(String name, String stream, String format) {
    outputs.add(Map.of("Name", name, "KinesisStreamsOutput",
        Map.of("ResourceARN", "arn:aws:kinesis:us-east-1:000000000000:stream/" + stream),
        "DestinationSchema", Map.of("RecordFormatType", format)));
    return this;
  }

  Configs firehose(String name, String deliveryStream, String format) {
    outputs.add(Map.of("Name", name, "KinesisFirehoseOutput", Map.of("ResourceARN",
            "arn:aws:firehose:us-east-1:000000000000:deliverystream/" + deliveryStream),
        "DestinationSchema", Map.of("RecordFormatType", format)));
    return this;
  }

  Configs reference(String table, String bucket, String key, Map<String, Object> schema) {
    references.add(Map.of("TableName", table, "S3ReferenceDataSource",
        Map.of("BucketARN", "arn:aws:s3:::" + bucket, "FileKey", key), "ReferenceSchema", schema));
    return this;
  }

  Map<String, Object> build() {
    return Map.of("SqlApplicationConfiguration",
        Map.of("Inputs", inputs, "Outputs", outputs, "ReferenceDataSources", references));
  }

  SqlApplicationConfig parsed() throws TranslationException {
    return SqlApplicationConfig.parse(build());
  }
}
