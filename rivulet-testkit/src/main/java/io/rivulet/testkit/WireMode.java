package io.rivulet.testkit;

/** The two body encodings the AWS SDK v2 Kinesis client can speak: CBOR (its default) and JSON. */
public enum WireMode {
  CBOR,
  JSON
}
