package io.rivulet.firehose.format;

/**
 * A record or a whole batch that could not be converted, with the error code Firehose writes as
 * {@code lastErrorCode} in the format-conversion-failed error output (and logs to CloudWatch).
 *
 * <p>Per record: {@link #PARSE_ERROR} (not JSON), {@link #MALFORMED_DATA} (JSON whose values do not
 * fit the columns). Per batch, when the schema cannot be read from the catalog:
 * {@link #ENTITY_NOT_FOUND}, {@link #INVALID_VERSION_ID}, {@link #INVALID_SCHEMA},
 * {@link #NON_EXISTENT_COLUMNS}. Immutable.
 */
public final class ConversionException extends Exception {
  public static final String PARSE_ERROR = "DataFormatConversion.ParseError";
  public static final String MALFORMED_DATA = "DataFormatConversion.MalformedData";
  public static final String ENTITY_NOT_FOUND = "DataFormatConversion.EntityNotFound";
  public static final String INVALID_VERSION_ID = "DataFormatConversion.InvalidVersionId";
  public static final String INVALID_SCHEMA = "DataFormatConversion.InvalidSchema";
  public static final String NON_EXISTENT_COLUMNS = "DataFormatConversion.NonExistentColumns";

  /** Firehose's message for a table or database the catalog does not have. */
  public static final String ENTITY_NOT_FOUND_MESSAGE = "The specified table/database could not be"
      + " found. Please ensure that the table/database exists and that the values provided in the"
      + " schema configuration are correct, especially with regards to casing.";
  /** Firehose's message for a VersionId the table does not have. */
  public static final String INVALID_VERSION_ID_MESSAGE = "Could not find a matching schema from"
      + " glue. Please make sure the specified version of the table exists.";

  private final String errorCode;

  public ConversionException(String errorCode, String message) {
    super(message, null, false, false);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }
}
