package io.rivulet.analytics.engine;

/**
 * Fetches application code named by an S3ContentLocation (and reference data for schema
 * discovery) from the S3 endpoint this server uses. Implementations are thread-safe.
 */
public interface CodeSource {

  /**
   * The object's bytes.
   *
   * @param bucket the bucket name (from the BucketARN {@code arn:aws:s3:::<bucket>})
   * @param version the ObjectVersion, or null for the latest
   * @throws java.util.NoSuchElementException when there is no such object (the message says why)
   */
  byte[] fetch(String bucket, String key, String version);

  /** A source that has no S3 endpoint: every fetch fails with this reason. */
  static CodeSource none(String reason) {
    return (bucket, key, version) -> {
      throw new java.util.NoSuchElementException(reason);
    };
  }
}
