package io.rivulet.analytics;

import io.rivulet.protocol.AwsException;
import io.rivulet.protocol.ErrorCode;

/**
 * The kinesisanalyticsv2 wire errors, each name written once, with the HTTP status AWS sends
 * (400 for every client error, 503 for ServiceUnavailableException); the message member is
 * {@code Message}, as the service model spells it. Immutable.
 */
public enum AnalyticsError implements ErrorCode {
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  RESOURCE_IN_USE("ResourceInUseException", 400),
  INVALID_ARGUMENT("InvalidArgumentException", 400),
  INVALID_REQUEST("InvalidRequestException", 400),
  INVALID_APPLICATION_CONFIGURATION("InvalidApplicationConfigurationException", 400),
  CONCURRENT_MODIFICATION("ConcurrentModificationException", 400),
  CODE_VALIDATION("CodeValidationException", 400),
  LIMIT_EXCEEDED("LimitExceededException", 400),
  TOO_MANY_TAGS("TooManyTagsException", 400),
  UNSUPPORTED_OPERATION("UnsupportedOperationException", 400),
  UNABLE_TO_DETECT_SCHEMA("UnableToDetectSchemaException", 400),
  RESOURCE_PROVISIONED_THROUGHPUT_EXCEEDED("ResourceProvisionedThroughputExceededException", 400),
  SERVICE_UNAVAILABLE("ServiceUnavailableException", 503);

  private final String type;
  private final int status;

  AnalyticsError(String type, int status) {
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

  @Override
  public String messageMember() {
    return "Message";
  }

  /** A new exception of this type with the message. */
  public AwsException with(String message) {
    return new AwsException(this, message);
  }
}
