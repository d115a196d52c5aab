package io.rivulet.firehose.processing;

/**
 * The error codes and messages processors give failed records (the {@code errorCode} and
 * {@code errorMessage} of Firehose's error output lines), each written once here, and which error
 * output ({@code !{firehose:error-output-type}}) a code belongs to. Codes Firehose documents are
 * used as documented; where Firehose documents none, the code is Rivulet's and says so below.
 * Stateless.
 */
public final class ProcessingErrors {
  // The Lambda processor (Firehose's own codes).
  public static final String LAMBDA_PROCESSING_FAILED = "Lambda.ProcessingFailedStatus";
  static final String LAMBDA_PROCESSING_FAILED_MESSAGE = "ProcessingFailed status set for record";
  public static final String LAMBDA_MISSING_RECORD_ID = "Lambda.MissingRecordId";
  static final String LAMBDA_MISSING_RECORD_ID_MESSAGE = "One or more record Ids were not"
      + " returned. Ensure that the Lambda function returns all received record Ids.";
  public static final String LAMBDA_DUPLICATED_RECORD_ID = "Lambda.DuplicatedRecordId";
  static final String LAMBDA_DUPLICATED_RECORD_ID_MESSAGE = "Multiple records were returned"
      + " with the same record Id. Ensure that the Lambda function returns unique record Ids for"
      + " each record.";
  public static final String LAMBDA_JSON_PROCESSING = "Lambda.JsonProcessingException";
  static final String LAMBDA_JSON_PROCESSING_MESSAGE = "There was an error parsing returned"
      + " records from the Lambda function. Ensure that the returned records follow the status"
      + " model required by Firehose.";
  public static final String LAMBDA_FUNCTION_ERROR = "Lambda.FunctionError";
  static final String LAMBDA_FUNCTION_ERROR_MESSAGE = "The Lambda function was successfully"
      + " invoked but it returned an error result.";
  public static final String LAMBDA_INVOKE_LIMIT_EXCEEDED = "Lambda.InvokeLimitExceeded";
  public static final String LAMBDA_INVOKE_ACCESS_DENIED = "Lambda.InvokeAccessDenied";
  static final String LAMBDA_INVOKE_ACCESS_DENIED_MESSAGE = "Access was denied. Ensure that the"
      + " access policy allows access to the Lambda function.";
  public static final String LAMBDA_RESOURCE_NOT_FOUND = "Lambda.ResourceNotFound";
  static final String LAMBDA_RESOURCE_NOT_FOUND_MESSAGE = "The specified Lambda function does"
      + " not exist. Use a different function that does exist.";
  /** Rivulet's: the Lambda endpoint could not be reached (connection refused, timeout, I/O). */
  public static final String LAMBDA_SERVICE_UNAVAILABLE = "Lambda.ServiceUnavailable";

  // Dynamic partitioning (MetadataExtraction).
  public static final String METADATA_EXTRACTION_FAILED =
      "DynamicPartitioning.MetadataExtractionFailed";

  /** Rivulet's: a record could not be de-aggregated (RecordDeAggregation). */
  public static final String DEAGGREGATION_FAILED = "RecordDeAggregation.Failed";

  /** Rivulet's: a record could not be decompressed, or its CloudWatch Logs envelope read. */
  public static final String DECOMPRESSION_FAILED = "Decompression.Failed";

  private ProcessingErrors() {}

  /**
   * The error output type ({@code !{firehose:error-output-type}}) records failed with
   * {@code errorCode} go to: {@code decompression-failed} for decompression and message
   * extraction, {@code processing-failed} for everything else a processor rejects.
   */
  public static String outputType(String errorCode) {
    return errorCode.startsWith("Decompression.") ? "decompression-failed" : "processing-failed";
  }
}
