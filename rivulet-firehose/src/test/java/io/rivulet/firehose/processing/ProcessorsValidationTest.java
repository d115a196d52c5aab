package io.rivulet.firehose.processing;

import static io.rivulet.firehose.processing.Fixtures.FUNCTION_ARN;
import static io.rivulet.firehose.processing.Fixtures.config;
import static io.rivulet.firehose.processing.Fixtures.processor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rivulet.protocol.AwsException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What Processors.validate accepts, and the InvalidArgumentException it rejects the rest with. */
class ProcessorsValidationTest {

  private static void assertRejected(Map<String, Object> configuration, String message) {
    assertThatThrownBy(() -> Processors.validate(configuration))
        .isInstanceOfSatisfying(AwsException.class, e -> {
          assertThat(e.code().type()).isEqualTo("InvalidArgumentException");
          assertThat(e.code().status()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  private static Map<String, Object> lambda(String... params) {
    return config(processor("Lambda", params));
  }

  @Test
  void everyProcessorWithItsDocumentedParametersIsAccepted() {
    assertThatCode(() -> Processors.validate(config(
        processor("Decompression", "CompressionFormat", "GZIP"),
        processor("CloudWatchLogProcessing", "DataMessageExtraction", "true"),
        processor("RecordDeAggregation", "SubRecordType", "DELIMITED", "Delimiter", "IyMjIw=="),
        processor("Lambda", "LambdaArn", FUNCTION_ARN + ":$LATEST", "NumberOfRetries", "5",
            "RoleArn", "arn:aws:iam::123456789012:role/firehose", "BufferSizeInMBs", "0.25",
            "BufferIntervalInSeconds", "0"),
        processor("MetadataExtraction", "MetadataExtractionQuery", "{id: .id}",
            "JsonParsingEngine", "JQ-1.6"),
        processor("AppendDelimiterToRecord", "Delimiter", "\\n")))).doesNotThrowAnyException();
    assertThatCode(() -> Processors.validate(null)).doesNotThrowAnyException();
    assertThatCode(() -> Processors.validate(Map.of())).doesNotThrowAnyException();
    assertThatCode(() -> Processors.validate(Map.of("Enabled", false)))
        .doesNotThrowAnyException();
    assertThatCode(() -> Processors.validate(config(processor("AppendDelimiterToRecord"))))
        .doesNotThrowAnyException();
  }

  @Test
  void theLambdaProcessorNeedsItsFunctionArn() {
    assertRejected(lambda("NumberOfRetries", "3"),
        "Processor type Lambda requires parameter LambdaArn.");
    assertRejected(lambda("LambdaArn", "my-function"),
        "Invalid value 'my-function' for processor parameter LambdaArn of processor type Lambda:"
            + " must be the ARN of a Lambda function.");
    assertRejected(lambda("LambdaArn", "arn:aws:s3:::bucket"),
        "Invalid value 'arn:aws:s3:::bucket' for processor parameter LambdaArn of processor type"
            + " Lambda: must be the ARN of a Lambda function.");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "NumberOfRetries         | 301  | must be an integer between 0 and 300",
      "NumberOfRetries         | -1   | must be an integer between 0 and 300",
      "NumberOfRetries         | x    | must be an integer between 0 and 300",
      "BufferIntervalInSeconds | 901  | must be an integer between 0 and 900",
      "BufferSizeInMBs         | 0.1  | must be a number between 0.2 and 3",
      "BufferSizeInMBs         | 3.5  | must be a number between 0.2 and 3",
      "BufferSizeInMBs         | NaN  | must be a number between 0.2 and 3",
      "RoleArn                 | role | must be the ARN of an IAM role",
  })
  void lambdaParametersOutOfRangeAreRejected(String name, String value, String rule) {
    assertRejected(lambda("LambdaArn", FUNCTION_ARN, name, value),
        "Invalid value '" + value + "' for processor parameter " + name
            + " of processor type Lambda: " + rule + ".");
  }

  @Test
  void parametersMustBelongToTheirProcessorAndComeOnce() {
    assertRejected(lambda("LambdaArn", FUNCTION_ARN, "Delimiter", "x"),
        "Processor parameter Delimiter is not supported for processor type Lambda. Supported"
            + " parameters: LambdaArn, NumberOfRetries, RoleArn, BufferSizeInMBs,"
            + " BufferIntervalInSeconds.");
    assertRejected(lambda("LambdaArn", FUNCTION_ARN, "LambdaArn", FUNCTION_ARN),
        "Duplicate processor parameter LambdaArn for processor type Lambda.");
    assertRejected(config(processor("Lambda", "LambdaArn", FUNCTION_ARN),
            processor("Lambda", "LambdaArn", FUNCTION_ARN)),
        "Duplicate processor type Lambda in ProcessingConfiguration. Each processor type may be"
            + " specified at most once.");
    assertRejected(config(processor("Sharpen")), "Unsupported processor type Sharpen.");
  }

  @Test
  void builtInProcessorsCheckTheirValues() {
    assertRejected(config(processor("MetadataExtraction", "MetadataExtractionQuery", "{id:.id}")),
        "Processor type MetadataExtraction requires parameter JsonParsingEngine.");
    assertRejected(config(processor("MetadataExtraction", "MetadataExtractionQuery", "{id:.id}",
            "JsonParsingEngine", "JQ-1.5")),
        "Invalid value 'JQ-1.5' for processor parameter JsonParsingEngine of processor type"
            + " MetadataExtraction: must be one of JQ-1.6.");
    assertThatThrownBy(() -> Processors.validate(config(processor("MetadataExtraction",
            "MetadataExtractionQuery", "{id: .id", "JsonParsingEngine", "JQ-1.6"))))
        .hasMessageStartingWith("Invalid value '{id: .id' for processor parameter"
            + " MetadataExtractionQuery of processor type MetadataExtraction: not a valid JQ-1.6"
            + " query");
    assertRejected(config(processor("RecordDeAggregation", "SubRecordType", "DELIMITED")),
        "Processor type RecordDeAggregation with SubRecordType DELIMITED requires parameter"
            + " Delimiter (base64-encoded).");
    assertRejected(config(processor("RecordDeAggregation", "SubRecordType", "DELIMITED",
            "Delimiter", "###")),
        "Invalid value '###' for processor parameter Delimiter of processor type"
            + " RecordDeAggregation: must be a non-empty base64-encoded string.");
    assertRejected(config(processor("RecordDeAggregation", "SubRecordType", "JSON",
            "Delimiter", "Cg==")),
        "Processor parameter Delimiter is only supported with SubRecordType DELIMITED for"
            + " processor type RecordDeAggregation.");
    assertRejected(config(processor("RecordDeAggregation", "SubRecordType", "XML")),
        "Invalid value 'XML' for processor parameter SubRecordType of processor type"
            + " RecordDeAggregation: must be one of JSON, DELIMITED.");
    assertRejected(config(processor("Decompression", "CompressionFormat", "ZIP")),
        "Invalid value 'ZIP' for processor parameter CompressionFormat of processor type"
            + " Decompression: must be one of GZIP.");
  }

  @Test
  void messageExtractionNeedsDecompression() {
    assertRejected(config(processor("CloudWatchLogProcessing", "DataMessageExtraction", "true")),
        "Processor type CloudWatchLogProcessing requires processor type Decompression in the same"
            + " ProcessingConfiguration.");
    assertRejected(config(processor("Decompression"),
            processor("CloudWatchLogProcessing", "DataMessageExtraction", "yes")),
        "Invalid value 'yes' for processor parameter DataMessageExtraction of processor type"
            + " CloudWatchLogProcessing: must be true or false.");
  }

  @Test
  void processorsAreCheckedEvenWhileProcessingIsDisabled() {
    assertRejected(Map.of("Enabled", false, "Processors", List.of(processor("Lambda"))),
        "Processor type Lambda requires parameter LambdaArn.");
  }
}
