package io.rivulet.protocol;

/** Errors shared by every AWS JSON service. */
public enum CommonError implements ErrorCode {
  SERIALIZATION("SerializationException", 400),
  VALIDATION("ValidationException", 400),
  UNKNOWN_OPERATION("UnknownOperationException", 400),
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationTokenException", 400),
  INCOMPLETE_SIGNATURE("IncompleteSignatureException", 400),
  INVALID_SIGNATURE("InvalidSignatureException", 400),
  ACCESS_DENIED("AccessDeniedException", 400),
  UNRECOGNIZED_CLIENT("UnrecognizedClientException", 400),
  REQUEST_ENTITY_TOO_LARGE("RequestEntityTooLargeException", 413),
  INTERNAL_FAILURE("InternalFailure", 500),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503);

  private final String type;
  private final int status;

  CommonError(String type, int status) {
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
    return this == SERIALIZATION ? "Message" : "message";
  }
}
