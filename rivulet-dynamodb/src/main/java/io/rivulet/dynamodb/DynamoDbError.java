package io.rivulet.dynamodb;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/**
 * DynamoDB's own wire errors, each name written once with its HTTP status. DynamoDB sends the
 * namespaced {@code __type} ({@code com.amazonaws.dynamodb.v20120810#Name}); the AWS SDKs keep
 * what follows the {@code #}.
 */
public enum DynamoDbError implements ErrorCode {
  CONDITIONAL_CHECK_FAILED("com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException", 400),
  RESOURCE_NOT_FOUND("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException", 400),
  RESOURCE_IN_USE("com.amazonaws.dynamodb.v20120810#ResourceInUseException", 400),
  TRANSACTION_CANCELED("com.amazonaws.dynamodb.v20120810#TransactionCanceledException", 400),
  LIMIT_EXCEEDED("com.amazonaws.dynamodb.v20120810#LimitExceededException", 400),
  TABLE_NOT_FOUND("com.amazonaws.dynamodb.v20120810#TableNotFoundException", 400),
  VALIDATION("com.amazon.coral.validate#ValidationException", 400);

  private final String type;
  private final int status;

  DynamoDbError(String type, int status) {
    this.type = type;
    this.status = status;
  }

  @Override
  public String type() {
    return type;
  }

  @Override
  public int status() {
    return status;
  }

  /** A new exception of this type with the message. */
  public AwsException with(String message) {
    return new AwsException(this, message);
  }

  /** {@code ValidationException} with DynamoDB's message. */
  public static AwsException invalid(String message) {
    return VALIDATION.with(message);
  }

  /** {@code ValidationException} "One or more parameter values were invalid: ...". */
  public static AwsException invalidParameter(String detail) {
    return VALIDATION.with("One or more parameter values were invalid: " + detail);
  }

  /** {@code ResourceNotFoundException} as DynamoDB words it for a missing table. */
  public static AwsException tableNotFound() {
    return RESOURCE_NOT_FOUND.with("Requested resource not found");
  }
}
