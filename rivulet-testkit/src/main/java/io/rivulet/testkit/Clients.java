package io.rivulet.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseAsyncClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoAsyncClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaAsyncClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaAsyncClient;
import software.amazon.awssdk.services.kinesisvideomedia.KinesisVideoMediaClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2AsyncClient;
import software.amazon.awssdk.services.kinesisanalyticsv2.KinesisAnalyticsV2Client;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Official AWS SDK v2 clients pointed at a Rivulet endpoint: Kinesis in CBOR or JSON mode (the SDK
 * reads {@code aws.cborEnabled} when a client is built, so the property is set only around the
 * build), Firehose, kinesisanalyticsv2 and KMS (AWS JSON 1.1 only), and Kinesis Video Streams
 * (control plane, media, archived media: rest-json; their data-plane clients take the URL
 * GetDataEndpoint returns, which on Rivulet is the endpoint itself). Thread-safe (serialised on
 * the class).
 */
public final class Clients {
  /** Access key and secret tests sign with (signatures are not checked without --auth). */
  public static final String ACCESS_KEY = "AKIDRIVULETTEST";
  public static final String SECRET_KEY = "rivulet-test-secret";

  private Clients() {}

  public static synchronized KinesisClient sync(URI endpoint, WireMode mode) {
    return withCbor(mode, () -> KinesisClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(ACCESS_KEY))
        .httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
            .apiCallTimeout(Duration.ofSeconds(60)))
        .build());
  }

  /** A sync client that never retries (to see throttling errors as the server sends them). */
  public static synchronized KinesisClient syncWithoutRetries(URI endpoint, WireMode mode) {
    return withCbor(mode, () -> KinesisClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(ACCESS_KEY))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build());
  }

  /** The async client over Netty; for Kinesis it speaks HTTP/2 with prior knowledge to http://. */
  public static synchronized KinesisAsyncClient async(URI endpoint, WireMode mode) {
    return withCbor(mode, () -> KinesisAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(ACCESS_KEY))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64))
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)))
        .build());
  }

  /** A sync client signing with another access key (a 12-digit key selects that account). */
  public static synchronized KinesisClient syncAs(URI endpoint, WireMode mode, String accessKey,
      Region region) {
    return withCbor(mode, () -> KinesisClient.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials(accessKey))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build());
  }

  /** A Firehose client over Apache HttpClient 5 (HTTP/1.1), standard retries. */
  public static synchronized FirehoseClient firehose(URI endpoint) {
    return firehose(endpoint, ACCESS_KEY, Region.US_EAST_1)
        .httpClientBuilder(Apache5HttpClient.builder().maxConnections(16))
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD)
            .apiCallTimeout(Duration.ofSeconds(60)))
        .build();
  }

  /** A Firehose client that never retries (to see errors and throttling as the server sends them). */
  public static synchronized FirehoseClient firehoseWithoutRetries(URI endpoint) {
    return firehose(endpoint, ACCESS_KEY, Region.US_EAST_1)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** A Firehose client signing with another access key (a 12-digit key selects that account). */
  public static synchronized FirehoseClient firehoseAs(URI endpoint, String accessKey, Region region) {
    return firehose(endpoint, accessKey, region).build();
  }

  /** The async Firehose client over Netty. */
  public static synchronized FirehoseAsyncClient firehoseAsync(URI endpoint) {
    return FirehoseAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(ACCESS_KEY))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64))
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60)))
        .build();
  }

  /** A Managed Service for Apache Flink (kinesisanalyticsv2) client over Apache HttpClient 5. */
  public static synchronized KinesisAnalyticsV2Client analytics(URI endpoint) {
    return analyticsAs(endpoint, ACCESS_KEY, Region.US_EAST_1);
  }

  /** A kinesisanalyticsv2 client signing with another access key (12 digits select that account). */
  public static synchronized KinesisAnalyticsV2Client analyticsAs(URI endpoint, String accessKey,
      Region region) {
    return KinesisAnalyticsV2Client.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials(accessKey))
        .httpClientBuilder(Apache5HttpClient.builder())
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(Duration.ofSeconds(60)))
        .build();
  }

  /** The async kinesisanalyticsv2 client over Netty. */
  public static synchronized KinesisAnalyticsV2AsyncClient analyticsAsync(URI endpoint) {
    return KinesisAnalyticsV2AsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(ACCESS_KEY))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(16))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(Duration.ofSeconds(60)))
        .build();
  }

  /** A KMS client (the key store's API subset), over Apache HttpClient 5. */
  public static synchronized KmsClient kms(URI endpoint) {
    return KmsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials(ACCESS_KEY))
        .httpClientBuilder(Apache5HttpClient.builder())
        .build();
  }

  /** A Kinesis Video Streams control-plane client over Apache HttpClient 5, standard retries. */
  public static synchronized KinesisVideoClient kinesisVideo(URI endpoint) {
    return kinesisVideoAs(endpoint, ACCESS_KEY, Region.US_EAST_1);
  }

  /** A Kinesis Video Streams client signing with another access key, in another region. */
  public static synchronized KinesisVideoClient kinesisVideoAs(URI endpoint, String accessKey,
      Region region) {
    return videoSync(KinesisVideoClient.builder(), endpoint, accessKey, region)
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60))).build();
  }

  /** A Kinesis Video Streams client that never retries (errors as the server sends them). */
  public static synchronized KinesisVideoClient kinesisVideoWithoutRetries(URI endpoint) {
    return videoSync(KinesisVideoClient.builder(), endpoint, ACCESS_KEY, Region.US_EAST_1)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  /** The async Kinesis Video Streams control-plane client over Netty. */
  public static synchronized KinesisVideoAsyncClient kinesisVideoAsync(URI endpoint) {
    return videoAsync(KinesisVideoAsyncClient.builder(), endpoint)
        .overrideConfiguration(c -> c.apiCallTimeout(Duration.ofSeconds(60))).build();
  }

  /** A GetMedia client for a data endpoint (GetDataEndpoint's answer), over Apache HttpClient 5. */
  public static synchronized KinesisVideoMediaClient kinesisVideoMedia(URI dataEndpoint) {
    return videoSync(KinesisVideoMediaClient.builder(), dataEndpoint, ACCESS_KEY, Region.US_EAST_1).build();
  }

  /** The async GetMedia client over Netty. */
  public static synchronized KinesisVideoMediaAsyncClient kinesisVideoMediaAsync(URI dataEndpoint) {
    return videoAsync(KinesisVideoMediaAsyncClient.builder(), dataEndpoint).build();
  }

  /** An archived-media client (ListFragments, HLS/DASH URLs, GetClip, GetImages...). */
  public static synchronized KinesisVideoArchivedMediaClient kinesisVideoArchivedMedia(
      URI dataEndpoint) {
    return videoSync(KinesisVideoArchivedMediaClient.builder(), dataEndpoint, ACCESS_KEY,
        Region.US_EAST_1).build();
  }

  /** The async archived-media client over Netty. */
  public static synchronized KinesisVideoArchivedMediaAsyncClient kinesisVideoArchivedMediaAsync(
      URI dataEndpoint) {
    return videoAsync(KinesisVideoArchivedMediaAsyncClient.builder(), dataEndpoint).build();
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B videoSync(
      B builder, URI endpoint, String accessKey, Region region) {
    return builder.endpointOverride(endpoint).region(region)
        .credentialsProvider(credentials(accessKey))
        .httpClientBuilder(Apache5HttpClient.builder());
  }

  private static <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C> B videoAsync(
      B builder, URI endpoint) {
    return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(credentials(ACCESS_KEY))
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64));
  }

  private static software.amazon.awssdk.services.firehose.FirehoseClientBuilder firehose(
      URI endpoint, String accessKey, Region region) {
    return FirehoseClient.builder()
        .endpointOverride(endpoint)
        .region(region)
        .credentialsProvider(credentials(accessKey))
        .httpClientBuilder(Apache5HttpClient.builder());
  }

  private static StaticCredentialsProvider credentials(String accessKey) {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, SECRET_KEY));
  }

  /** Builds a client with {@code aws.cborEnabled} set for the mode (the SDK reads it at build time). */
  public static synchronized <T> T withCbor(WireMode mode, java.util.function.Supplier<T> build) {
    String old = System.getProperty("aws.cborEnabled");
    System.setProperty("aws.cborEnabled", Boolean.toString(mode == WireMode.CBOR));
    try {
      return build.get();
    } finally {
      if (old == null) {
        System.clearProperty("aws.cborEnabled");
      } else {
        System.setProperty("aws.cborEnabled", old);
      }
    }
  }
}
