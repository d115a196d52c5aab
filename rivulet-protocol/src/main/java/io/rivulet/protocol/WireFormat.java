package io.rivulet.protocol;

/** The body encodings of the AWS JSON protocols; the response uses the request's. */
public enum WireFormat {
  JSON_1_0("application/x-amz-json-1.0"),
  JSON_1_1("application/x-amz-json-1.1"),
  CBOR_1_1("application/x-amz-cbor-1.1");

  private final String contentType;

  WireFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  public boolean isCbor() {
    return this == CBOR_1_1;
  }
}
