package io.rivulet.benchmarks.load;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * The two data-plane calls the load generator makes, over one of the SDK v2's HTTP clients:
 * {@code sync} is {@link KinesisClient} over Apache HttpClient 5 (HTTP/1.1, one pooled connection
 * per concurrent writer, as most producers run); {@code async} is {@link KinesisAsyncClient} over
 * Netty with HTTP/2 prior knowledge (one connection, concurrent streams, as the KCL runs). Every
 * caller thread keeps exactly one call in flight, so {@code --connections N} means N concurrent
 * calls either way. SDK retries are off: a failed call is counted, not hidden. Thread-safe.
 */
public abstract class DataPlane implements AutoCloseable {
  /** Which SDK HTTP client to use. */
  public enum Kind { SYNC, ASYNC }

  public abstract PutRecordsResponse putRecords(PutRecordsRequest request);

  public abstract GetRecordsResponse getRecords(GetRecordsRequest request);

  @Override
  public abstract void close();

  /** A control-plane client (sync, a few connections) for CreateStream and friends. */
  public static KinesisClient controlClient(URI endpoint) {
    return KinesisClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .httpClient(Apache5HttpClient.builder().maxConnections(8).build())
        .build();
  }

  /** The SDK's async client over Netty, HTTP/2 prior knowledge, no retries. */
  public static KinesisAsyncClient asyncClient(URI endpoint, int maxConcurrency) {
    return KinesisAsyncClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .overrideConfiguration(noRetries())
        .httpClient(NettyNioAsyncHttpClient.builder()
            .protocol(Protocol.HTTP2)
            .maxConcurrency(maxConcurrency)
            .build())
        .build();
  }

  public static DataPlane create(Kind kind, URI endpoint, int connections) {
    return kind == Kind.SYNC ? new Sync(endpoint, connections) : new Async(endpoint, connections);
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("rivuletbench", "rivuletbench"));
  }

  private static ClientOverrideConfiguration noRetries() {
    return ClientOverrideConfiguration.builder()
        .retryStrategy(DefaultRetryStrategy.doNotRetry())
        .apiCallTimeout(Duration.ofSeconds(60))
        .build();
  }

  private static final class Sync extends DataPlane {
    private final KinesisClient client;

    Sync(URI endpoint, int connections) {
      client = KinesisClient.builder()
          .endpointOverride(endpoint)
          .region(Region.US_EAST_1)
          .credentialsProvider(credentials())
          .overrideConfiguration(noRetries())
          .httpClient(Apache5HttpClient.builder()
              .maxConnections(connections)
              .connectionTimeout(Duration.ofSeconds(5))
              .socketTimeout(Duration.ofSeconds(60))
              .build())
          .build();
    }

    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
      return client.putRecords(request);
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
      return client.getRecords(request);
    }

    @Override
    public void close() {
      client.close();
    }
  }

  private static final class Async extends DataPlane {
    private final KinesisAsyncClient client;

    Async(URI endpoint, int connections) {
      client = asyncClient(endpoint, connections);
    }

    @Override
    public PutRecordsResponse putRecords(PutRecordsRequest request) {
      return join(client.putRecords(request));
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
      return join(client.getRecords(request));
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
      try {
        return f.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }

    @Override
    public void close() {
      client.close();
    }
  }
}
