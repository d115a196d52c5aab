package io.rivulet.firehose.engine;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the Firehose engine. Immutable.
 *
 * @param createDelay how long a new delivery stream stays CREATING (0: ACTIVE at once)
 * @param deleteDelay how long a deleted delivery stream stays DELETING before it is gone
 * @param encryptionDelay how long Start/StopDeliveryStreamEncryption stay ENABLING/DISABLING
 * @param streamLimit delivery streams allowed per account and region (AWS: 5,000)
 * @param pollInterval how often (wall time) each delivery stream checks its buffering hints
 *     against the injected clock when nothing wakes it; also the step of the clock-driven waits
 *     between retries
 * @param throttling whether PutRecord/PutRecordBatch enforce AWS's per-delivery-stream rates
 * @param endpoints where destinations and processors reach the systems they talk to
 * @param glueCatalog the local Glue Data Catalog record format conversion reads tables from
 *     ({@code <dir>/<DatabaseName>/<TableName>.json}); null: the server's default
 *     ({@code <data-dir>/glue}), none without a data directory
 */
public record FirehoseConfig(Duration createDelay, Duration deleteDelay, Duration encryptionDelay,
    int streamLimit, Duration pollInterval, boolean throttling, Endpoints endpoints,
    Path glueCatalog) {

  /**
   * Where delivery goes: the S3 API endpoint destinations and error/backup output write to (null:
   * the AWS default for the delivery stream's region), the Lambda Invoke API endpoints processors
   * call ({@code [function=]url[,…]}, see the processing's LambdaEndpoints; null: none), the
   * credentials those clients sign with, and a map from AWS resource ARNs, URLs or host names in
   * configurations (an OpenSearch DomainARN, say) to endpoints that can be reached from here.
   */
  public record Endpoints(URI s3, String lambda, String accessKeyId, String secretAccessKey,
      Map<String, String> endpointMap) {
    public Endpoints {
      endpointMap = endpointMap == null ? Map.of() : Map.copyOf(endpointMap);
    }

    public static Endpoints none() {
      return new Endpoints(null, null, "rivulet", "rivulet", Map.of());
    }

    public Endpoints withS3(URI uri) {
      return new Endpoints(uri, lambda, accessKeyId, secretAccessKey, endpointMap);
    }

    public Endpoints withLambda(String spec) {
      return new Endpoints(s3, spec, accessKeyId, secretAccessKey, endpointMap);
    }

    public Endpoints withCredentials(String accessKey, String secretKey) {
      return new Endpoints(s3, lambda, accessKey, secretKey, endpointMap);
    }

    public Endpoints withEndpointMap(Map<String, String> map) {
      return new Endpoints(s3, lambda, accessKeyId, secretAccessKey, map);
    }
  }

  public static FirehoseConfig defaults() {
    return new FirehoseConfig(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500),
        5000, Duration.ofMillis(100), false, Endpoints.none(), null);
  }

  /** The same delay for CREATING, DELETING and ENABLING/DISABLING. */
  public FirehoseConfig withDelays(Duration create, Duration delete) {
    return new FirehoseConfig(create, delete, create, streamLimit, pollInterval, throttling,
        endpoints, glueCatalog);
  }

  public FirehoseConfig withStreamLimit(int limit) {
    return new FirehoseConfig(createDelay, deleteDelay, encryptionDelay, limit, pollInterval,
        throttling, endpoints, glueCatalog);
  }

  public FirehoseConfig withPollInterval(Duration d) {
    return new FirehoseConfig(createDelay, deleteDelay, encryptionDelay, streamLimit, d,
        throttling, endpoints, glueCatalog);
  }

  public FirehoseConfig withThrottling(boolean on) {
    return new FirehoseConfig(createDelay, deleteDelay, encryptionDelay, streamLimit, pollInterval,
        on, endpoints, glueCatalog);
  }

  public FirehoseConfig withGlueCatalog(Path dir) {
    return new FirehoseConfig(createDelay, deleteDelay, encryptionDelay, streamLimit, pollInterval,
        throttling, endpoints, dir);
  }

  public FirehoseConfig withEndpoints(Endpoints e) {
    return new FirehoseConfig(createDelay, deleteDelay, encryptionDelay, streamLimit, pollInterval,
        throttling, e, glueCatalog);
  }
}
