package io.rivulet.kms;

import io.rivulet.protocol.ErrorCode;

/**
 * AWS KMS's wire errors that the local key store raises, each name written once with its HTTP
 * status. The services that use keys (Kinesis, Firehose) translate these into their own KMS-shaped
 * errors ({@code KMSNotFoundException}, {@code InvalidKMSResourceException}); the KMS API subset
 * sends them as they are.
 */
public enum KmsError implements ErrorCode {
  NOT_FOUND("NotFoundException", 400),
  DISABLED("DisabledException", 400),
  INVALID_STATE("KMSInvalidStateException", 400),
  INVALID_ARN("InvalidArnException", 400),
  ALREADY_EXISTS("AlreadyExistsException", 400),
  INVALID_ALIAS_NAME("InvalidAliasNameException", 400),
  INVALID_MARKER("InvalidMarkerException", 400),
  UNSUPPORTED_OPERATION("UnsupportedOperationException", 400),
  LIMIT_EXCEEDED("LimitExceededException", 400),
  VALIDATION("ValidationException", 400),
  /** A wrapped data key or ciphertext whose authentication tag fails (KMS's Decrypt says this). */
  INVALID_CIPHERTEXT("InvalidCiphertextException", 400),
  INTERNAL("KMSInternalException", 500);

  private final String type;
  private final int status;

  KmsError(String type, int status) {
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
  public KmsException with(String message) {
    return new KmsException(this, message);
  }
}
