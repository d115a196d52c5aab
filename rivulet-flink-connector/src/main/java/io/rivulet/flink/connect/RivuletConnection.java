package io.rivulet.flink.connect;

import io.rivulet.streams.api.StreamInfo;
import io.rivulet.streams.api.StreamsApi;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a job reaches Rivulet's streams, and which stream: in-process (the {@link
 * InProcessStreams} registry of the server's JVM) when no endpoint is given or the endpoint is
 * {@value #IN_PROCESS}, else remote, over the Kinesis API at {@code endpoint} with the AWS SDK v2
 * ({@link KinesisStreamsApi}). Serializable, so sources and sinks carry it to the task managers,
 * where {@link #open()} connects. Immutable.
 *
 * @param endpoint null or {@value #IN_PROCESS} for in-process, else the server's URL
 * @param region the region of the stream (in-process) and of the SigV4 scope (remote)
 * @param account the account of the stream (in-process; remote: the credentials choose it)
 * @param accessKeyId the access key for remote mode, or null for the environment, system
 *     properties or profile (else a placeholder a server without --auth accepts)
 * @param secretKey the secret key that goes with {@code accessKeyId}
 * @param pollInterval how often remote readers poll a shard that had nothing new
 */
public record RivuletConnection(String endpoint, String region, String account,
    String accessKeyId, String secretKey, Duration pollInterval) implements Serializable {

  /** The endpoint value that selects in-process mode. */
  public static final String IN_PROCESS = "in-process";
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_ACCOUNT = "000000000000";
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

  public RivuletConnection {
    region = region == null ? DEFAULT_REGION : region;
    account = account == null ? DEFAULT_ACCOUNT : account;
    pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
    if ((accessKeyId == null) != (secretKey == null)) {
      throw new IllegalArgumentException("an access key id needs a secret key and vice versa");
    }
    if (endpoint != null && !endpoint.equals(IN_PROCESS)) {
      URI uri = URI.create(endpoint);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("endpoint must be '" + IN_PROCESS
            + "' or a URL such as http://127.0.0.1:4567; got " + endpoint);
      }
    }
  }

  /** In-process, default account and region. */
  public static RivuletConnection inProcess() {
    return new RivuletConnection(IN_PROCESS, null, null, null, null, null);
  }

  /** Remote, over the Kinesis API at {@code endpoint}, in {@code region}. */
  public static RivuletConnection remote(String endpoint, String region) {
    Objects.requireNonNull(endpoint, "endpoint");
    return new RivuletConnection(endpoint, region, null, null, null, null);
  }

  /** The same with this account (in-process mode). */
  public RivuletConnection withAccount(String newAccount) {
    return new RivuletConnection(endpoint, region, newAccount, accessKeyId, secretKey,
        pollInterval);
  }

  /** The same with these static credentials (remote mode). */
  public RivuletConnection withCredentials(String newAccessKeyId, String newSecretKey) {
    return new RivuletConnection(endpoint, region, account, newAccessKeyId, newSecretKey,
        pollInterval);
  }

  /** The same with this poll interval (remote mode). */
  public RivuletConnection withPollInterval(Duration newPollInterval) {
    return new RivuletConnection(endpoint, region, account, accessKeyId, secretKey,
        newPollInterval);
  }

  public boolean isInProcess() {
    return endpoint == null || endpoint.equals(IN_PROCESS);
  }

  /**
   * Connects: the registered in-process streams, or a new Kinesis API client. Close what this
   * returns with {@link #release} when done.
   */
  public StreamsApi open() {
    return isInProcess() ? InProcessStreams.require() : new KinesisStreamsApi(this);
  }

  /** Finds a stream by name, or by ARN when {@code stream} starts with {@code arn:}. */
  public StreamInfo describe(StreamsApi api, String stream) {
    return stream.startsWith("arn:") ? api.describe(stream) : api.describe(account, region, stream);
  }

  /** Releases what {@link #open()} returned (closes a remote client; in-process: nothing). */
  public static void release(StreamsApi api) {
    if (api instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        throw new IllegalStateException("closing the streams client failed", e);
      }
    }
  }

  @Override
  public String toString() {
    return "RivuletConnection[" + (isInProcess() ? IN_PROCESS : endpoint) + ", " + region
        + (isInProcess() ? ", " + account : "") + "]";
  }
}
