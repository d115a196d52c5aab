package io.rivulet.cloudwatch;

/**
 * CloudWatch's wire errors used here, each with its HTTP status and awsQuery fault side; each name
 * written once.
 */
enum CloudWatchError {
  MISSING_PARAMETER("MissingParameter", 400, "Sender"),
  INVALID_PARAMETER_VALUE("InvalidParameterValue", 400, "Sender"),
  INVALID_ACTION("InvalidAction", 400, "Sender"),
  SERIALIZATION("SerializationException", 400, "Sender");

  final String code;
  final int status;
  final String fault;

  CloudWatchError(String code, int status, String fault) {
    this.code = code;
    this.status = status;
    this.fault = fault;
  }

  Failure failure(String message) {
    return new Failure(this, message);
  }

  /** A request CloudWatch would refuse. */
  static final class Failure extends RuntimeException {
    final transient CloudWatchError error;

    Failure(CloudWatchError error, String message) {
      super(message, null, false, false);
      this.error = error;
    }
  }
}
