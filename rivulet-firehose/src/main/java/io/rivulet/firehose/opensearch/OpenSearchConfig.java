package io.rivulet.firehose.opensearch;

import static io.rivulet.firehose.FirehoseError.INVALID_ARGUMENT;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * An OpenSearch / Elasticsearch / OpenSearch Serverless destination configuration as the writer
 * uses it, read from the request's members (AWS names, e.g. "IndexRotationPeriod"). The cluster is
 * {@code endpoint}: ClusterEndpoint (or CollectionEndpoint) as configured, or what the endpoint map
 * says for it or for the DomainARN; null when a DomainARN has no mapping. Immutable.
 */
record OpenSearchConfig(OpenSearchFlavor flavor, String configuredEndpoint, URI endpoint,
    String indexName, String typeName, IndexRotation rotation, boolean documentIds,
    Duration retryDuration, boolean backupAll) {

  static final int DEFAULT_RETRY_SECONDS = 300;
  static final int MAX_RETRY_SECONDS = 7200;

  /** Reads a configuration that {@link #validate} accepted. */
  static OpenSearchConfig parse(OpenSearchFlavor flavor, Map<String, Object> config,
      Map<String, String> endpointMap) {
    validate(flavor, config);
    String configured = flavor.isDomain() && config.get("DomainARN") != null
        ? (String) config.get("DomainARN") : (String) config.get(flavor.endpointMember());
    String mapped = endpointMap.get(configured);
    URI endpoint = mapped != null ? URI.create(mapped)
        : configured.startsWith("arn:") ? null : URI.create(configured);
    String type = flavor.isDomain() ? (String) config.get("TypeName") : null;
    IndexRotation rotation = flavor.isDomain()
        ? IndexRotation.of((String) config.get("IndexRotationPeriod")) : IndexRotation.NoRotation;
    Map<String, Object> idOptions = struct(config, "DocumentIdOptions");
    boolean ids = flavor.isDomain()
        && !"NO_DOCUMENT_ID".equals(idOptions.get("DefaultDocumentIdFormat"));
    Integer retry = integer(struct(config, "RetryOptions"), "DurationInSeconds");
    return new OpenSearchConfig(flavor, configured, endpoint, (String) config.get("IndexName"),
        type == null || type.isEmpty() ? null : type, rotation, ids,
        Duration.ofSeconds(retry == null ? DEFAULT_RETRY_SECONDS : retry),
        "AllDocuments".equals(config.get("S3BackupMode")));
  }

  /**
   * Checks what the request's shape validation does not: one cluster named, a known rotation
   * period and document id format, a retry duration in range, the S3 configuration failed
   * documents go to. Throws InvalidArgumentException (AwsException) otherwise.
   */
  static void validate(OpenSearchFlavor flavor, Map<String, Object> config) {
    requireString(config, "IndexName");
    if (flavor.isDomain()) {
      boolean arn = config.get("DomainARN") != null;
      boolean endpoint = config.get("ClusterEndpoint") != null;
      if (arn == endpoint) {
        throw INVALID_ARGUMENT.with(
            "Exactly one of DomainARN and ClusterEndpoint must be specified.");
      }
      requireString(config, arn ? "DomainARN" : "ClusterEndpoint");
      if (!arn) {
        requireUri(config, "ClusterEndpoint");
      }
      String rotation = optionalString(config, "IndexRotationPeriod");
      try {
        IndexRotation.of(rotation);
      } catch (IllegalArgumentException e) {
        throw INVALID_ARGUMENT.with("Invalid IndexRotationPeriod: " + rotation);
      }
      optionalString(config, "TypeName");
      Object format = struct(config, "DocumentIdOptions").get("DefaultDocumentIdFormat");
      if (config.get("DocumentIdOptions") != null && !"FIREHOSE_DEFAULT".equals(format)
          && !"NO_DOCUMENT_ID".equals(format)) {
        throw INVALID_ARGUMENT.with("Invalid DefaultDocumentIdFormat: " + format);
      }
    } else {
      requireString(config, "CollectionEndpoint");
      requireUri(config, "CollectionEndpoint");
    }
    Integer retry = integer(struct(config, "RetryOptions"), "DurationInSeconds");
    if (retry != null && (retry < 0 || retry > MAX_RETRY_SECONDS)) {
      throw INVALID_ARGUMENT.with("RetryOptions.DurationInSeconds must be between 0 and "
          + MAX_RETRY_SECONDS + " seconds.");
    }
    String backup = optionalString(config, "S3BackupMode");
    if (backup != null && !backup.equals("FailedDocumentsOnly") && !backup.equals("AllDocuments")) {
      throw INVALID_ARGUMENT.with("Invalid S3BackupMode: " + backup);
    }
    if (!(config.get("S3Configuration") instanceof Map)) {
      throw INVALID_ARGUMENT.with(
          "S3Configuration is required: failed documents are written there.");
    }
  }

  private static void requireString(Map<String, Object> config, String name) {
    String value = optionalString(config, name);
    if (value == null || value.isEmpty()) {
      throw INVALID_ARGUMENT.with(name + " is required.");
    }
  }

  private static String optionalString(Map<String, Object> config, String name) {
    Object value = config.get(name);
    if (value != null && !(value instanceof String)) {
      throw INVALID_ARGUMENT.with(name + " must be a string.");
    }
    return (String) value;
  }

  private static void requireUri(Map<String, Object> config, String name) {
    String value = (String) config.get(name);
    try {
      URI uri = new URI(value);
      if (uri.getHost() == null
          || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        throw new IllegalArgumentException(value);
      }
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      throw INVALID_ARGUMENT.with(name + " is not a valid URL: " + value);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> struct(Map<String, Object> config, String name) {
    Object value = config.get(name);
    return value instanceof Map ? (Map<String, Object>) value : Map.of();
  }

  private static Integer integer(Map<String, Object> struct, String name) {
    Object value = struct.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
      throw INVALID_ARGUMENT.with(name + " must be an integer.");
    }
    return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n.longValue()));
  }
}
