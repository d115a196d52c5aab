package io.rivulet.firehose.redshift;

import io.rivulet.firehose.pipeline.DeliveryException;

/**
 * Firehose's error codes for Amazon Redshift delivery, as Firehose reports them for a skipped
 * batch, each with Firehose's explanation; the detail of the one failure (the server's own message)
 * follows it. Every one is retried within RetryOptions.DurationInSeconds, as Firehose does: a table
 * created or a password corrected in the meantime lets the batch through. Immutable.
 */
enum RedshiftError {
  CONNECTION_FAILED("Redshift.ConnectionFailed",
      "The connection to the specified Amazon Redshift cluster failed. Ensure that security"
          + " settings allow Firehose connections, that the cluster or database specified in the"
          + " Amazon Redshift destination configuration or JDBC URL is correct, and that the"
          + " cluster is available."),
  AUTHENTICATION_FAILED("Redshift.AuthenticationFailed",
      "The provided user name and password failed authentication. Provide a valid user name and"
          + " password."),
  DATABASE_NOT_FOUND("Redshift.DatabaseNotFound",
      "The database specified in the Amazon Redshift destination configuration or JDBC URL was"
          + " not found. Specify a valid database name."),
  TABLE_NOT_FOUND("Redshift.TableNotFound",
      "The table to which to load data was not found. Ensure that the specified table exists."),
  COLUMN_NOT_FOUND("Redshift.ColumnNotFound",
      "A column in the COPY command does not exist in the table. Specify a valid column name."),
  MISSING_COLUMN("Redshift.MissingColumn",
      "There is a column defined in the table schema as NOT NULL without a DEFAULT value and not"
          + " included in the column list. Exclude this column, ensure that the loaded data always"
          + " provides a value for this column, or add a default value to the Amazon Redshift"
          + " schema for this table."),
  SYNTAX_ERROR("Redshift.SyntaxError",
      "The COPY command contains a syntax error. Retry the command."),
  INCORRECT_COPY_OPTIONS("Redshift.IncorrectCopyOptions",
      "Conflicting or redundant COPY options were provided. Some options are not compatible in"
          + " certain combinations. Check the COPY command reference for more info."),
  INSUFFICIENT_PRIVILEGE("Redshift.InsufficientPrivilege",
      "The user does not have permissions to load data into the table. Check the Amazon Redshift"
          + " user permissions for the INSERT privilege."),
  READ_ONLY_CLUSTER("Redshift.ReadOnlyCluster",
      "The query cannot be executed because the system is in resize mode. Try the query again"
          + " later."),
  DISK_FULL("Redshift.DiskFull",
      "Data could not be loaded because the disk is full. Increase the capacity of the Amazon"
          + " Redshift cluster or delete unused data to free disk space."),
  DATA_LOAD_FAILED("Redshift.DataLoadFailed",
      "Loading data into the table failed. Check STL_LOAD_ERRORS system table for details."),
  MISSING_S3_FILE("Redshift.MissingS3File",
      "One or more S3 files required by Amazon Redshift have been removed from the S3 bucket."
          + " Check the S3 bucket policies to remove any automatic deletion of S3 files."),
  S3_BUCKET_ACCESS_DENIED("Redshift.S3BucketAccessDenied",
      "The COPY command was unable to access the S3 bucket. Ensure that the access policy for the"
          + " provided IAM role allows access to the S3 bucket."),
  INTERNAL_ERROR("InternalError",
      "An internal error occurred while attempting to deliver data. Delivery will be retried; if"
          + " the error persists, then it will be reported to AWS for resolution.");

  private final String code;
  private final String explanation;

  RedshiftError(String code, String explanation) {
    this.code = code;
    this.explanation = explanation;
  }

  /** The code as Firehose reports it, e.g. {@code Redshift.TableNotFound}. */
  String code() {
    return code;
  }

  /** A retryable failure with this code: Firehose's explanation, then {@code detail}. */
  DeliveryException failure(String detail, Throwable cause) {
    String message = detail == null || detail.isBlank() ? explanation : explanation + " " + detail;
    return new DeliveryException(code, message, true, cause);
  }

  DeliveryException failure(String detail) {
    return failure(detail, null);
  }
}
