package io.rivulet.firehose.redshift;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An in-process S3 API (s3proxy over an in-memory blob store) on a free port of 127.0.0.1, and an
 * SDK v2 client for it (path-style, endpoint override), for the staging tests. Until the s3
 * module's EmbeddedS3 is on main. Not thread-safe.
 */
final class TestS3 implements AutoCloseable {
  private static final String ACCESS_KEY = "AKIDREDSHIFTTEST";
  private static final String SECRET_KEY = "redshift-test-secret";

  private final BlobStoreContext blobs;
  private final S3Proxy proxy;
  private final S3Client client;

  private TestS3(BlobStoreContext blobs, S3Proxy proxy, S3Client client) {
    this.blobs = blobs;
    this.proxy = proxy;
    this.client = client;
  }

  static TestS3 start() throws Exception {
    BlobStoreContext blobs = ContextBuilder.newBuilder("transient")
        .credentials("identity", "credential").build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(blobs.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .build();
    proxy.start();
    S3Client client = S3Client.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClient(Apache5HttpClient.create())
        // s3proxy 2.6 checks x-amz-content-sha256 and knows no flexible-checksum trailers
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .build();
    return new TestS3(blobs, proxy, client);
  }

  S3Client client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("stopping s3proxy", e);
    } finally {
      blobs.close();
    }
  }
}
