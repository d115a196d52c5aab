package io.rivulet.kms;

import io.rivulet.protocol.AwsException;

/** A failure of the key store, as AWS KMS names it ({@link KmsError}). Immutable. */
public final class KmsException extends AwsException {

  public KmsException(KmsError code, String message) {
    super(code, message);
  }

  /** The KMS error. */
  public KmsError error() {
    return (KmsError) code();
  }
}
