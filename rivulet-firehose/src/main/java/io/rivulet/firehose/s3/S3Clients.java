package io.rivulet.firehose.s3;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds SDK v2 S3 clients for S3-compatible endpoints (the embedded server, MinIO, s3proxy, or
 * AWS itself). Stateless and thread-safe.
 */
public final class S3Clients {
  private S3Clients() {}

  /**
   * A client for {@code endpoint} (null: AWS's own endpoint for the region) with path-style
   * addressing, whole-payload signing and checksums only where S3 requires them: the SDK's
   * defaults send {@code aws-chunked} bodies (with checksum trailers), which many S3-compatible
   * servers (the embedded s3proxy 2.x among them) store verbatim or with
   * {@code Content-Encoding: aws-chunked} instead of decoding.
   */
  public static S3Client create(URI endpoint, String region, AwsCredentialsProvider credentials) {
    var builder = S3Client.builder()
        .httpClient(UrlConnectionHttpClient.create())
        .region(Region.of(region))
        .credentialsProvider(credentials)
        // whole-payload signing: aws-chunked bodies (and their Content-Encoding) are not decoded
        // by every S3-compatible server
        .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
            .chunkedEncodingEnabled(false).build())
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }

  /** As {@link #create(URI, String, AwsCredentialsProvider)} with static credentials. */
  public static S3Client create(URI endpoint, String region, String accessKeyId,
      String secretAccessKey) {
    return create(endpoint, region, StaticCredentialsProvider.create(
        AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
  }
}
