package io.rivulet.analytics.flink.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SqlApplicationConfiguration (Inputs, Outputs, ReferenceDataSources) read from the raw AWS
 * shapes in ApplicationSpec.configuration. Immutable, so thread-safe.
 */
record SqlApplicationConfig(
    List<Input> inputs, List<Output> outputs, List<Reference> references) {

  /**
   * An input: its in-application stream name (NamePrefix + "_001"), source stream and schema.
   *
   * @param startingPosition NOW, TRIM_HORIZON or LAST_STOPPED_POINT
   */
  record Input(String streamName, String sourceStream, String startingPosition,
      RecordSchema schema) {}

  /** An output: the in-application stream it reads and where its rows go. */
  record Output(String streamName, Destination kind, String destination, boolean json) {}

  /** Kinds of output destination. */
  enum Destination { KINESIS_STREAM, FIREHOSE }

  /** A reference data source: a table read from an S3 object at start. */
  record Reference(String tableName, String bucket, String key, RecordSchema schema) {}

  /** Reads the "SqlApplicationConfiguration" member of an ApplicationConfiguration. */
  static SqlApplicationConfig parse(Map<String, Object> applicationConfiguration)
      throws TranslationException {
    Map<String, Object> sql = Shapes.map(applicationConfiguration, "SqlApplicationConfiguration");
    if (sql == null) {
      return new SqlApplicationConfig(List.of(), List.of(), List.of());
    }
    List<Input> inputs = new ArrayList<>();
    for (Map<String, Object> in : Shapes.maps(sql, "Inputs")) {
      inputs.add(input(in));
    }
    List<Output> outputs = new ArrayList<>();
    for (Map<String, Object> out : Shapes.maps(sql, "Outputs")) {
      outputs.add(output(out));
    }
    List<Reference> refs = new ArrayList<>();
    for (Map<String, Object> r : Shapes.maps(sql, "ReferenceDataSources")) {
      refs.add(reference(r));
    }
    return new SqlApplicationConfig(List.copyOf(inputs), List.copyOf(outputs), List.copyOf(refs));
  }

  private static Input input(Map<String, Object> in) throws TranslationException {
    String prefix = Shapes.string(in, "NamePrefix");
    if (prefix == null) {
      throw new TranslationException("an Input has no NamePrefix");
    }
    Map<String, Object> parallelism = Shapes.map(in, "InputParallelism");
    Object count = parallelism == null ? null : parallelism.get("Count");
    if (count != null && ((Number) count).intValue() != 1) {
      throw TranslationException.unsupported("InputParallelism Count " + count
          + " (input " + prefix + "): Rivulet creates one in-application stream per input");
    }
    if (in.get("InputProcessingConfiguration") != null) {
      throw TranslationException.unsupported(
          "InputProcessingConfiguration (InputLambdaProcessor) on input " + prefix);
    }
    Map<String, Object> kinesis = Shapes.map(in, "KinesisStreamsInput");
    if (kinesis == null) {
      throw TranslationException.unsupported(in.get("KinesisFirehoseInput") != null
          ? "KinesisFirehoseInput (a delivery stream as input " + prefix + ")"
          : "an input without KinesisStreamsInput (" + prefix + ")");
    }
    Map<String, Object> start = Shapes.map(in, "InputStartingPositionConfiguration");
    String position = start == null ? null : Shapes.string(start, "InputStartingPosition");
    String name = prefix + "_001";
    return new Input(name, Shapes.arnName(Shapes.string(kinesis, "ResourceARN")),
        position == null ? "NOW" : position,
        RecordSchema.parse(Shapes.map(in, "InputSchema"), "input " + name));
  }

  private static Output output(Map<String, Object> out) throws TranslationException {
    String name = Shapes.string(out, "Name");
    Map<String, Object> schema = Shapes.map(out, "DestinationSchema");
    String format = schema == null ? null : Shapes.string(schema, "RecordFormatType");
    if (!"JSON".equals(format) && !"CSV".equals(format)) {
      throw new TranslationException(
          "output " + name + ": DestinationSchema RecordFormatType must be JSON or CSV");
    }
    if (name.toLowerCase(Locale.ROOT).equals("error_stream")) {
      throw TranslationException.unsupported("the in-application error_stream as an output");
    }
    Map<String, Object> kinesis = Shapes.map(out, "KinesisStreamsOutput");
    Map<String, Object> firehose = Shapes.map(out, "KinesisFirehoseOutput");
    if (kinesis != null) {
      return new Output(name, Destination.KINESIS_STREAM,
          Shapes.arnName(Shapes.string(kinesis, "ResourceARN")), "JSON".equals(format));
    }
    if (firehose != null) {
      return new Output(name, Destination.FIREHOSE,
          Shapes.arnName(Shapes.string(firehose, "ResourceARN")), "JSON".equals(format));
    }
    throw TranslationException.unsupported(out.get("LambdaOutput") != null
        ? "LambdaOutput (output " + name + ")" : "an output without a destination (" + name + ")");
  }

  private static Reference reference(Map<String, Object> r) throws TranslationException {
    String table = Shapes.string(r, "TableName");
    Map<String, Object> s3 = Shapes.map(r, "S3ReferenceDataSource");
    if (table == null || s3 == null) {
      throw new TranslationException("a ReferenceDataSource needs TableName and S3ReferenceDataSource");
    }
    return new Reference(table, Shapes.arnName(Shapes.string(s3, "BucketARN")),
        Shapes.string(s3, "FileKey"),
        RecordSchema.parse(Shapes.map(r, "ReferenceSchema"), "reference table " + table));
  }
}
